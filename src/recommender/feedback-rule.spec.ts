import { WATCH_VALUE, decidesPairValue, feedbackValue } from './feedback-rule';
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
  it('counts a rating as given and a watch as WATCH_VALUE whatever its progress', () => {
    expect(feedbackValue('rating', 1.5)).toBe(1.5);
    expect(feedbackValue('watch', 0.1)).toBe(WATCH_VALUE);
    expect(feedbackValue('watch', 1)).toBe(WATCH_VALUE);
  });

  it('lets a rating decide over a watch, whatever their times', () => {
    expect(decidesPairValue(true, 10, false, 20)).toBe(true);
    expect(decidesPairValue(false, 30, true, 20)).toBe(false);
  });

  it('lets the later of two events of one kind decide, the newcomer on a tie', () => {
    expect(decidesPairValue(true, 30, true, 20)).toBe(true);
    expect(decidesPairValue(true, 10, true, 20)).toBe(false);
    expect(decidesPairValue(false, 20, false, 20)).toBe(true);
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
      [1, 2, 0.3, 70], // watch only: WATCH_VALUE
    ]);
    expect(rowsOf(mergeFeedback(ratings, watches, 2, 3))).toEqual([
      [0, 1, 4.5, 400],
      [1, 0, 1, 50],
      [1, 2, WATCH_VALUE, 70],
    ]);
  });

  it('returns an empty table for no feedback', () => {
    const none = allocateInteractions(0);
    expect(mergeFeedback(none, none, 0, 0).users.length).toBe(0);
  });
});
