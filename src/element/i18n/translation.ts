import type { Action } from '../../core/challenge.js';
import type { ErrorCode } from '../../core/errors.js';
import type { QualityIssue } from '../../core/liveness/gates.js';
import type { FailReason } from '../../core/liveness/session.js';

/** Every string the element shows or speaks; each language provides all of them. */
export interface Translation {
  consentTitle: string;
  /** What is captured, why, and where it goes: one short paragraph each. */
  consentPoints: [string, string, string];
  agree: string;
  decline: string;
  declined: string;
  start: string;
  readyTitle: string;
  starting: string;
  retry: string;
  switchCamera: string;
  holdStill: string;
  capturing: string;
  signing: string;
  success: string;
  /** "Step 1 of 2". */
  step: (index: number, total: number) => string;
  /** The spoken and written prompt of each action. */
  actions: Record<Action, string>;
  /** One concrete tip per action, shown and spoken when it is slow to come and after it was missed. */
  actionTips: Record<Action, string>;
  /** A missed action, named: "We did not see you blink." */
  missedAction: Record<Action, string>;
  /** Advice for each problem with the picture. */
  advice: Record<QualityIssue, string>;
  failures: Record<FailReason, string>;
  attemptsLeft: (count: number) => string;
  noAttemptsLeft: string;
  errors: Record<ErrorCode, string>;
  photoTitle: string;
  photoHelp: string;
  photoButton: string;
  required: string;
}
