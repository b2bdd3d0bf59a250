// React 19: the element is set up with typed properties (React 19 sets a custom element's props as properties
// when it has them) and listened to through a ref, typed by the package's event map.
import { StrictMode, useEffect, useRef, useState, type DetailedHTMLProps, type HTMLAttributes } from 'react';
import { createRoot } from 'react-dom/client';
import 'face-liveness/define';
import type { FaceLiveness, LivenessSuccessEvent } from 'face-liveness';

/** The element's configurable properties, typed as the class types them. */
type FaceLivenessProps = Partial<Pick<FaceLiveness, 'challengeUrl' | 'assetsUrl' | 'lang' | 'noVoice' | 'maxAttempts'>>;

/** The tag in JSX: React's own attributes for an element, and the element's properties. */
export type FaceLivenessElement = DetailedHTMLProps<HTMLAttributes<FaceLiveness>, FaceLiveness> & FaceLivenessProps;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'face-liveness': FaceLivenessElement;
    }
  }
}

interface Verdict {
  success: boolean;
  errorCodes: string[];
}

async function verifyOnServer(token: string): Promise<Verdict> {
  const response = await fetch('/api/liveness/verify', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  const { success, errorCodes } = (await response.json()) as Verdict;
  return { success, errorCodes };
}

function Certification() {
  const element = useRef<FaceLiveness>(null);
  const [verdict, setVerdict] = useState<Verdict | null>(null);

  useEffect(() => {
    const node = element.current!;
    const onSuccess = async (event: LivenessSuccessEvent) => setVerdict(await verifyOnServer(event.detail.token));
    node.addEventListener('liveness-success', onSuccess);
    return () => node.removeEventListener('liveness-success', onSuccess);
  }, []);

  return (
    <main>
      <h1>刷脸认证</h1>
      {/* Bundled with the app, the element finds its worker and models where the portal serves dist/. */}
      <face-liveness ref={element} challengeUrl="/api/liveness/challenge" assetsUrl="/face-liveness/" />
      {verdict && (
        <output id="verdict" role="status" data-success={String(verdict.success)}>
          {verdict.success ? '认证通过' : `未通过：${verdict.errorCodes.join(', ')}`}
        </output>
      )}
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Certification />
  </StrictMode>,
);
