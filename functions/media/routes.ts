import type { RouteDefinition } from '../../shared/manifests/types';

/** The media service's routes (product images). */
export const mediaRoutes: RouteDefinition[] = [];
