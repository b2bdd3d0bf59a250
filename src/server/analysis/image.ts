/** A decoded picture, as the analysis steps pass it along. */
export interface DecodedImage {
  width: number;
  height: number;
  /** RGBA, 8 bits a channel, row by row. */
  rgba: Uint8Array;
}
