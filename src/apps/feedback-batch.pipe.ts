import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { MAX_BATCH_EVENTS } from './dto/feedback-batch.dto';

/** The body of `POST /v1/apps/feedback` once its outer shape is checked. */
export interface FeedbackBatch {
  events: unknown[];
}

/**
 * Checks a feedback batch's outer shape: `{ events: [...] }` with 1 to MAX_BATCH_EVENTS events
 * and no other field, with the messages RequestValidationPipe would give. Each event is checked
 * on its own later (parseFeedbackEvent), so nothing here walks into them: the global pipe's
 * class-transformer copy and prototype-key scan of 1,000 events were a tenth of the batch's
 * CPU in the app (bench:feedback's profile). The route's body is declared as an interface, which
 * the global pipe leaves alone.
 */
@Injectable()
export class FeedbackBatchPipe implements PipeTransform<unknown, FeedbackBatch> {
  transform(body: unknown): FeedbackBatch {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new BadRequestException(['events must be an array']);
    }
    const unknownFields = Object.keys(body).filter((field) => field !== 'events');
    const messages = unknownFields.map((field) => `${field}: property ${field} should not exist`);
    const { events } = body as { events?: unknown };
    if (!Array.isArray(events)) messages.push('events must be an array');
    else if (events.length < 1) messages.push('events must contain at least 1 elements');
    else if (events.length > MAX_BATCH_EVENTS) {
      messages.push(`events must contain no more than ${MAX_BATCH_EVENTS} elements`);
    }
    if (messages.length > 0) throw new BadRequestException(messages);
    return { events: events as unknown[] };
  }
}
