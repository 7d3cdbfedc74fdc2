import {
  ArgumentMetadata,
  BadRequestException,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';

/**
 * class-validator constraints that say the value has the wrong type or form. When one of them
 * fails, the range and length rules of the same field fail too ("limit must not be greater than
 * 100" for `limit=abc`), which only confuses: only the type message is reported then.
 */
const TYPE_CONSTRAINTS = new Set([
  'isInt',
  'isNumber',
  'isString',
  'isBoolean',
  'isArray',
  'isObject',
  'isDate',
  'isDateString',
  'isISO8601',
  'isIn',
  'isEnum',
]);

/** One field's failed constraints, the type failures alone when there are any. */
function reportedConstraints(error: ValidationError): string[] {
  const constraints = Object.entries(error.constraints ?? {});
  const typeFailures = constraints.filter(([name]) => TYPE_CONSTRAINTS.has(name));
  return (typeFailures.length > 0 ? typeFailures : constraints).map(([, message]) => message);
}

/** Flattens nested validation errors into "field: rule" messages that name the field. */
export function validationMessages(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = reportedConstraints(error).map((message) =>
      message.startsWith(error.property)
        ? `${path}${message.slice(error.property.length)}`
        : `${path}: ${message}`,
    );
    return [...own, ...validationMessages(error.children ?? [], path)];
  });
}

/**
 * The one global validation pipe: whitelist, unknown fields rejected, transform; a failure is a
 * 400 whose messages name the field (AllExceptionsFilter joins them into `message` and lists them
 * in `errors`). Named path parameters are left as the strings they arrived as: each is parsed by
 * its own pipe (PositiveIntPipe), which must see `abc` or `1e3` as sent, not the `NaN` or `1000`
 * that the built-in primitive conversion (`+value`) makes of them.
 */
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => new BadRequestException(validationMessages(errors)),
    });
  }

  protected override transformPrimitive(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'param' && metadata.data) return value;
    return super.transformPrimitive(value, metadata);
  }
}
