import { Matches } from 'class-validator';

/**
 * A name people read (a title, a display name, a key's name) must show something: one character
 * that is not white space. `Length(1, ...)` alone lets "   " through, which lists then show as
 * an empty line.
 */
export function NotBlank(): PropertyDecorator {
  return Matches(/\S/, { message: '$property must not be blank' });
}
