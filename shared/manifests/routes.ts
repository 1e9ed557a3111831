import { cartRoutes } from '../../functions/cart/routes';
import { catalogRoutes } from '../../functions/catalog/routes';
import { identityRoutes } from '../../functions/identity/routes';
import { inventoryRoutes } from '../../functions/inventory/routes';
import { mediaRoutes } from '../../functions/media/routes';
import { notificationRoutes } from '../../functions/notifications/routes';
import { orderRoutes } from '../../functions/orders/routes';
import { paymentRoutes } from '../../functions/payments/routes';
import { recommendationRoutes } from '../../functions/recommendations/routes';
import { reviewRoutes } from '../../functions/reviews/routes';
import { searchRoutes } from '../../functions/search/routes';
import type { RouteDefinition } from './types';

/** Every HTTP route of the platform. Each service declares its own; this is the union. */
export const routes: RouteDefinition[] = [
  ...identityRoutes,
  ...catalogRoutes,
  ...inventoryRoutes,
  ...cartRoutes,
  ...orderRoutes,
  ...paymentRoutes,
  ...searchRoutes,
  ...notificationRoutes,
  ...mediaRoutes,
  ...reviewRoutes,
  ...recommendationRoutes,
];
