import { relative } from 'node:path';
import { ensureStorefrontBuild, STOREFRONT_DIST } from './storefront-build';

/** `npm run build:web`: builds the storefront (always; `npm start` builds only when stale). */
ensureStorefrontBuild({ force: true })
  .then(({ milliseconds }) => {
    console.log(
      `Built the storefront into ${relative(process.cwd(), STOREFRONT_DIST) || '.'} in ${(milliseconds / 1000).toFixed(1)} s`,
    );
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
