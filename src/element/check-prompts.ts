/**
 * What the person reads and hears during a check and after a failed attempt, from the session's state:
 * pure, so the same words are tested without a camera.
 */
import type { Action } from '../core/challenge.js';
import type { FailReason, SessionState } from '../core/liveness/session.js';
import type { Translation } from './i18n/translation.js';
import type { ViewState } from './view.js';

export type CheckView = Pick<ViewState, 'prompt' | 'detail' | 'action' | 'step' | 'guideOk'>;

/**
 * The screen while checking. `help` is set once half the action's time has passed without it: the prompt
 * stays, and the action's tip joins it as the second line.
 */
export function checkView(state: SessionState, text: Translation, help: boolean): CheckView {
  const acting = state.phase === 'action' && state.action !== undefined;
  let prompt: string;
  if (acting && !state.paused) prompt = text.actions[state.action!];
  else if (state.issue) prompt = text.advice[state.issue];
  else prompt = state.phase === 'capture' ? text.capturing : text.holdStill;
  const step = text.step(state.completed.length + 1, state.total);
  return {
    prompt,
    detail: acting ? (help && !state.paused ? text.actionTips[state.action!] : step) : undefined,
    action: acting ? state.action : undefined,
    step: { done: state.completed.length, total: state.total },
    guideOk: state.issue === null,
  };
}

const CJK = /[\u3000-\u9fff\uff00-\uffef]$/u;

/**
 * Two sentences as one text, punctuated for the language they are in: Chinese takes no space and a full-width
 * stop, other scripts a space and a full stop, whichever of them the first sentence lacks.
 */
export function joinSentences(first: string, second: string): string {
  const text = first.trimEnd();
  if (/[。！？]$/u.test(text)) return `${text}${second}`;
  if (/[.!?]$/.test(text)) return `${text} ${second}`;
  return CJK.test(text) ? `${text}。${second}` : `${text}. ${second}`;
}

/** The action a failed attempt was on: the first one not completed (none when it never got placed). */
export function missedAction(state: SessionState, actions: readonly Action[]): Action | undefined {
  return state.phase === 'failed' && state.failure !== 'positioning-timeout' ? actions[state.completed.length] : undefined;
}

/**
 * Why the attempt failed, in words that say what to do next: a missed or wrong-way action is named with
 * its tip; a person who never got placed hears the advice that was showing.
 */
export function failureText(reason: FailReason, action: Action | undefined, state: SessionState, text: Translation): string {
  if ((reason === 'action-timeout' || reason === 'wrong-action') && action) {
    const what = reason === 'action-timeout' ? text.missedAction[action] : text.failures['wrong-action'];
    return joinSentences(what, text.actionTips[action]);
  }
  if (reason === 'positioning-timeout' && state.issue) return joinSentences(text.failures[reason], text.advice[state.issue]);
  return text.failures[reason];
}
