import { UserResponseDto } from './dto/user-response.dto';
import { User } from './user.entity';

/** The public fields of a user; the password hash and import ids never leave. */
export function toUserResponse(user: User): UserResponseDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
  };
}
