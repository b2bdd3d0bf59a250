/** Loads real-face fixtures (served under /fixtures/ by the test server) as frames. */

export async function photo(name: string): Promise<ImageBitmap> {
  const response = await fetch(`/fixtures/photos/${name}`);
  if (!response.ok) throw new Error(`fixture photo ${name}: HTTP ${response.status}`);
  return createImageBitmap(await response.blob());
}

export async function openVideo(name: string): Promise<HTMLVideoElement> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.preload = 'auto';
  video.src = `/fixtures/videos/${name}`;
  await new Promise<void>((resolve, reject) => {
    video.addEventListener('loadeddata', () => resolve(), { once: true });
    video.addEventListener('error', () => reject(new Error(`fixture video ${name} cannot play`)), { once: true });
  });
  return video;
}

/** The frame shown at `seconds` into the video. */
export async function frameAt(video: HTMLVideoElement, seconds: number): Promise<ImageBitmap> {
  if (Math.abs(video.currentTime - seconds) > 1e-3) {
    const seeked = new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
    video.currentTime = seconds;
    await seeked;
  }
  return createImageBitmap(video);
}
