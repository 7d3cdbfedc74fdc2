import { UserRole } from './user.entity';

/** Who made a request: set on the request by JwtAuthGuard, read with @CurrentUser(). */
export interface AuthUser {
  id: number;
  role: UserRole;
  /** The session (login) the access token belongs to: its `sid` claim. */
  sessionId: string;
}
