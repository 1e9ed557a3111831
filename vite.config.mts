import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The storefront's build (web/ → web/dist). Vite 8's own oxc transform compiles the JSX, so no
 * React plugin is needed (and @vitejs/plugin-react would pull in a Babel that conflicts with
 * jest's). The manifest lets a test read each route's initial JavaScript from the build.
 */
const web = fileURLToPath(new URL('web/', import.meta.url));

export default defineConfig(({ command }) => ({
  root: web,
  // A build is for browsers, whatever NODE_ENV the process that started it has: jest sets
  // `test`, which Vite would pass on, bundling React's development build (twice the size) and
  // compiling JSX for it (jsxDEV, which React's production build does not have).
  ...(command === 'build' ? { define: { 'process.env.NODE_ENV': JSON.stringify('production') } } : {}),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', development: command !== 'build' } },
  build: {
    outDir: `${web}dist`,
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
  },
  server: {
    // `npx vite` serves the app with hot reload; the API stays on the running platform.
    proxy: { '/api': 'http://localhost:3000' },
  },
}));
