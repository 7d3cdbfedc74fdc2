import { DISMISSAL_VALUE, WATCH_VALUE } from '../recommender';
import { feedbackForModel, seenOrDismissed } from './user-feedback';

/** Movies 10, 20, 30 are items 0, 1, 2 of the model; movie 40 is unknown to it. */
const itemIndex = new Map([
  [10, 0],
  [20, 1],
  [30, 2],
]);

describe('feedbackForModel', () => {
  it('merges a user feedback by the feedback rule, dismissals as negative feedback', () => {
    const feedback = {
      ratings: [
        { movieId: 10, value: 4.5, atSeconds: 100 },
        { movieId: 40, value: 5, atSeconds: 100 },
      ],
      watches: [
        { movieId: 10, value: 1, atSeconds: 300 },
        { movieId: 20, value: 1, atSeconds: 200 },
        { movieId: 30, value: 1, atSeconds: 200 },
      ],
      dismissals: [
        { movieId: 10, value: 0, atSeconds: 400 },
        { movieId: 30, value: 0, atSeconds: 150 },
      ],
    };
    expect(feedbackForModel(itemIndex, feedback, 10).userItems).toEqual([
      // The rating decides over the later watch and dismissal; the time is the latest event's.
      { item: 0, value: 4.5, timestamp: 400 },
      { item: 1, value: WATCH_VALUE, timestamp: 200 },
      // A dismissal decides over a watch, even an earlier one.
      { item: 2, value: DISMISSAL_VALUE, timestamp: 200 },
    ]);
    expect(seenOrDismissed(feedback).sort((a, b) => a - b)).toEqual([10, 10, 10, 20, 30, 30, 40]);
  });

  it('merges the feedback on movies outside the model by the same rule, latest first, capped', () => {
    const feedback = {
      ratings: [
        { movieId: 40, value: 5, atSeconds: 100 },
        { movieId: 10, value: 4, atSeconds: 500 },
      ],
      watches: [
        { movieId: 40, value: 1, atSeconds: 300 },
        { movieId: 50, value: 1, atSeconds: 200 },
      ],
      dismissals: [{ movieId: 60, value: 0, atSeconds: 250 }],
    };
    // Movie 40: the rating decides over the later watch, the time is the watch's.
    expect(feedbackForModel(itemIndex, feedback, 10).unseen).toEqual([
      { movieId: 40, value: 5, timestamp: 300 },
      { movieId: 60, value: DISMISSAL_VALUE, timestamp: 250 },
      { movieId: 50, value: WATCH_VALUE, timestamp: 200 },
    ]);
    expect(feedbackForModel(itemIndex, feedback, 2).unseen.map((u) => u.movieId)).toEqual([40, 60]);
  });
});
