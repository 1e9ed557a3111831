#!/usr/bin/env node
import { createBazaarApp } from '../lib/bazaar-app';

createBazaarApp();
