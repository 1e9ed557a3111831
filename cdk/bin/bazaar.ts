#!/usr/bin/env node
import { ensureStorefrontBuild } from '../../scripts/storefront-build';
import { createBazaarApp } from '../lib/bazaar-app';

// The site bucket gets the storefront's build: the same build `npm start` makes, when stale.
ensureStorefrontBuild()
  .then(() => createBazaarApp())
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
