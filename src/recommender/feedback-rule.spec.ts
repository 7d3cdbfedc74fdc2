import {
  DISMISSAL_VALUE,
  NEUTRAL_VALUE,
  WATCH_VALUE,
  decidesPairValue,
  feedbackValue,
  foldFeedback,
  isLiked,
  preferenceWeight,
} from './feedback-rule';
import { allocateInteractions, mergeFeedback } from './interactions';

function table(rows: Array<[user: number, item: number, value: number, time: number]>) {
  const data = allocateInteractions(rows.length);
  rows.forEach(([user, item, value, time], e) => {
    data.users[e] = user;
    data.items[e] = item;
    data.values[e] = value;
    data.timestamps[e] = time;
  });
  return data;
}

function rowsOf(data: ReturnType<typeof table>): Array<[number, number, number, number]> {
  return Array.from(data.users, (user, e) => [
    user,
    data.items[e],
    data.values[e],
    data.timestamps[e],
  ]);
}

describe('the feedback rule', () => {
  it('counts a rating as given, a watch by its progress, a dismissal as DISMISSAL_VALUE', () => {
    expect(feedbackValue('rating', 1.5)).toBe(1.5);
    // 2.5 + progress * (4 - 2.5): nothing for an abandoned start, a like for a full watch.
    expect(feedbackValue('watch', 0)).toBe(NEUTRAL_VALUE);
    expect(feedbackValue('watch', 0.5)).toBe(3.25);
    expect(feedbackValue('watch', 1)).toBe(WATCH_VALUE);
    expect(feedbackValue('dismissal', 0)).toBe(DISMISSAL_VALUE);
  });

  it('calls 3.5 stars and up, and a watch past two thirds, liked; 3 stars and below not', () => {
    expect([0.5, 2, 3, 3.5, 4, 5].map(isLiked)).toEqual([false, false, false, true, true, true]);
    expect(isLiked(feedbackValue('watch', 0.6))).toBe(false);
    expect(isLiked(feedbackValue('watch', 2 / 3))).toBe(true);
    expect(isLiked(feedbackValue('dismissal', 0))).toBe(false);
  });

  it('weighs likes by the square root of their height above 2.5, dislikes linearly below it', () => {
    const options = { dislikeWeight: 0.5 };
    // sqrt((v - 2.5) / 2.5) above; -0.5 * (2.5 - v) / 2 below.
    expect(preferenceWeight(5, options)).toBe(1);
    expect(preferenceWeight(4, options)).toBeCloseTo(Math.sqrt(0.6), 12);
    expect(preferenceWeight(3, options)).toBeCloseTo(Math.sqrt(0.2), 12);
    expect(preferenceWeight(2.5, options)).toBe(0);
    expect(preferenceWeight(2, options)).toBeCloseTo(-0.125, 12);
    expect(preferenceWeight(1, options)).toBeCloseTo(-0.375, 12);
    expect(preferenceWeight(0.5, options)).toBeCloseTo(-0.5, 12);
    expect(preferenceWeight(0.5, { dislikeWeight: 0 })).toBeCloseTo(0, 12);
    expect(preferenceWeight(DISMISSAL_VALUE, { dislikeWeight: 1 })).toBeCloseTo(-0.75, 12);
  });

  it('never lets a lower value weigh more than a higher one', () => {
    const values = Array.from({ length: 10 }, (_, step) => (step + 1) / 2);
    const weights = values.map((value) => preferenceWeight(value, { dislikeWeight: 0.5 }));
    for (let x = 1; x < weights.length; x++) expect(weights[x]).toBeGreaterThan(weights[x - 1]);
  });

  it('lets a rating decide over a dismissal and a watch, and a dismissal over a watch', () => {
    expect(decidesPairValue('rating', 10, 'watch', 20)).toBe(true);
    expect(decidesPairValue('rating', 10, 'dismissal', 20)).toBe(true);
    expect(decidesPairValue('watch', 30, 'rating', 20)).toBe(false);
    expect(decidesPairValue('dismissal', 30, 'rating', 20)).toBe(false);
    expect(decidesPairValue('dismissal', 10, 'watch', 20)).toBe(true);
    expect(decidesPairValue('watch', 30, 'dismissal', 20)).toBe(false);
  });

  it('lets the later of two events of one kind decide, the newcomer on a tie', () => {
    expect(decidesPairValue('rating', 30, 'rating', 20)).toBe(true);
    expect(decidesPairValue('rating', 10, 'rating', 20)).toBe(false);
    expect(decidesPairValue('watch', 20, 'watch', 20)).toBe(true);
  });

  it('folds events into a pair: the deciding value, the latest time of all', () => {
    let pair = foldFeedback(undefined, 'watch', 1, 100);
    expect(pair).toEqual({ value: 4, timestamp: 100, decidedBy: 'watch', decidedAt: 100 });
    pair = foldFeedback(pair, 'rating', 2, 50);
    expect(pair).toEqual({ value: 2, timestamp: 100, decidedBy: 'rating', decidedAt: 50 });
    pair = foldFeedback(pair, 'dismissal', 0, 300);
    expect(pair).toEqual({ value: 2, timestamp: 300, decidedBy: 'rating', decidedAt: 50 });
  });
});

describe('mergeFeedback', () => {
  it('keeps one entry per (user, item): rating over watch, latest rating, latest time', () => {
    const ratings = table([
      [0, 1, 2, 100],
      [0, 1, 4.5, 300], // a later rating of the same pair wins
      [1, 0, 1, 50],
    ]);
    const watches = table([
      [0, 1, 0.9, 400], // a watch never overrides a rating, but its time counts
      [1, 2, 0.2, 70], // watch only: 2.5 + 0.2 * 1.5
    ]);
    const merged = rowsOf(mergeFeedback(ratings, watches, 2, 3));
    expect(merged.slice(0, 2)).toEqual([
      [0, 1, 4.5, 400],
      [1, 0, 1, 50],
    ]);
    expect(merged[2]).toEqual([1, 2, expect.closeTo(2.8, 6), 70]);
  });

  it('returns an empty table for no feedback', () => {
    const none = allocateInteractions(0);
    expect(mergeFeedback(none, none, 0, 0).users.length).toBe(0);
  });
});
