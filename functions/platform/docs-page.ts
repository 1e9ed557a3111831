/** Swagger UI's files, from the installed package locally or its CDN copy of the same version on AWS. */
export function docsPage(specUrl: string, assetsUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Bazaar API</title>
  <link rel="stylesheet" href="${assetsUrl}/swagger-ui.css" />
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${assetsUrl}/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({ url: ${JSON.stringify(specUrl)}, dom_id: '#swagger-ui', deepLinking: true });
  </script>
</body>
</html>`;
}
