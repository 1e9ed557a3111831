import { httpHandlerWith } from '../../shared/http/handler';
import { loadRoles } from './roles';

/**
 * The HTTP wrapper every service's handlers use (shared/http/handler.ts), bound to identity's
 * role lookup: roles live in the users table identity owns, and shared/ imports no service.
 */
export const httpHandler = httpHandlerWith(loadRoles);
