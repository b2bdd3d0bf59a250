/** The analysis step of `verifyToken`: the evidence judged by the server, and the 1:1 match when asked for. */
import type { CaptureClaims } from '../../core/claims.js';
import type { VerifyErrorCode } from '../verify-errors.js';
import type { Analyzer } from './analyzer-types.js';
import { compareAnalyses, type FaceComparison } from './compare.js';
import { analyseEvidence, type EvidenceAnalysis } from './evidence.js';

export interface Judgement {
  errors: VerifyErrorCode[];
  analysis: EvidenceAnalysis;
  /** Set when a registered photo was given. */
  faceMatch?: FaceComparison;
  fingerprints: string[];
}

export async function judgeEvidence(claims: CaptureClaims, analyzer: Analyzer, registeredPhoto: Uint8Array | undefined): Promise<Judgement> {
  const verdict = await analyseEvidence(claims.evidence, analyzer);
  const errors = [...verdict.errors];
  if (registeredPhoto === undefined) return { errors, analysis: verdict.analysis, fingerprints: verdict.fingerprints };
  const faceMatch = compareAnalyses(verdict.frontal, await analyzer.analyzeJpeg(registeredPhoto));
  if (!faceMatch.match) errors.push('face-mismatch');
  return { errors, analysis: verdict.analysis, faceMatch, fingerprints: verdict.fingerprints };
}
