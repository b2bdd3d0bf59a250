/**
 * Session states for the stories of the check, so that what a story shows comes from the element's own
 * wording (src/element/check-prompts.ts) as the session would drive it.
 */
import type { Action } from '../src/core/challenge.js';
import type { QualityIssue } from '../src/core/liveness/gates.js';
import type { SessionState } from '../src/core/liveness/session.js';

export interface SessionMoment {
  phase: SessionState['phase'];
  action?: Action;
  /** Actions done, of `total` (2 unless said). */
  done?: number;
  total?: number;
  issue?: QualityIssue | null;
  failure?: SessionState['failure'];
}

export function sessionState({ phase, action, done = 0, total = 2, issue = null, failure }: SessionMoment): SessionState {
  return {
    phase,
    ...(action ? { action } : {}),
    ...(failure ? { failure } : {}),
    // The prompts read only how many actions are done; a story has no evidence frames to give.
    completed: Array.from({ length: done }, () => ({}) as SessionState['completed'][number]),
    total,
    progress: 0,
    issue,
    paused: false,
    wrongWay: 0,
    attempt: 1,
    attemptsLeft: 2,
  };
}
