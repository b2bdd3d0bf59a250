import type { Challenge } from '../core/challenge.js';
import type { SessionState } from '../core/liveness/session.js';
import { LivenessSession } from '../core/liveness/session.js';
import type { LivenessProgressDetail } from './events.js';
import type { FramePump } from './frame-pump.js';

/** One attempt of a check: what it owns (released together by {@link end}) and how far it got. */
export class Attempt {
  readonly abort = new AbortController();
  readonly session: LivenessSession;
  pump: FramePump | null = null;
  private expiry: ReturnType<typeof setTimeout> | undefined;
  private lastPhase = '';
  private lastActionIndex = -1;
  /** Frame time the current action was first asked for, and whether its tip was given. */
  private actionSince: number | null = null;
  private helped = false;

  constructor(
    readonly challenge: Challenge,
    timing: { actionTimeoutMs: number; positioningTimeoutMs: number },
  ) {
    this.session = new LivenessSession(challenge.actions, { ...timing, maxAttempts: 1 });
  }

  /** Calls `expired` at `deadline` (a `performance.now()` time) unless the attempt ended first. */
  expireAt(deadline: number, expired: () => void): void {
    this.expiry = setTimeout(expired, deadline - performance.now());
  }

  /** The `liveness-progress` detail when the phase or the action changed with this state, else null. */
  progress(state: SessionState, t: number): LivenessProgressDetail | null {
    const index = state.completed.length;
    if (state.phase === 'action' && this.actionSince === null) this.actionSince = t;
    if (state.phase === this.lastPhase && index === this.lastActionIndex) return null;
    if (index !== this.lastActionIndex) {
      this.actionSince = state.phase === 'action' ? t : null;
      this.helped = false;
    }
    this.lastPhase = state.phase;
    this.lastActionIndex = index;
    return { phase: state.phase, index, total: state.total, ...(state.action ? { action: state.action } : {}) };
  }

  /** Whether half the action's time has passed without it, so its tip is due. */
  needsHelp(t: number, actionTimeoutMs: number): boolean {
    return this.actionSince !== null && t - this.actionSince >= actionTimeoutMs / 2;
  }

  /** True once per action: the tip is spoken only the first time it is due. */
  takeHelp(): boolean {
    if (this.helped) return false;
    this.helped = true;
    return true;
  }

  /** No more frames, and no expiry: the attempt is being signed. */
  stopFrames(): void {
    this.pump?.stop();
    clearTimeout(this.expiry);
  }

  end(): void {
    this.abort.abort();
    this.stopFrames();
  }
}
