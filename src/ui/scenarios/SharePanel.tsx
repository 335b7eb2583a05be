/**
 * Share the learner's scenario as a link: the whole text travels in the
 * address (compressed), so whoever opens it sees the same scenario.
 */
import { useState, type ReactNode } from 'react';
import { useScenarioEditor } from '../../app/scenario-editor';
import { encodeUrlState } from '../../app/url-state';

function linkFor(param: string): string {
  const url = new URL(window.location.href);
  url.hash = encodeUrlState({ view: 'scenarios', authStyle: 'session', config: {}, share: param });
  return url.href;
}

/** `actions` go before the Share button, in the same row (the editor's Run). */
export function SharePanel({ actions }: { actions?: ReactNode }) {
  const share = useScenarioEditor((s) => s.sharing);
  const [copied, setCopied] = useState<string | null>(null);

  const copy = async (link: string) => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied('Copied.');
    } catch {
      setCopied('This browser did not allow copying: select the link and copy it.');
    }
  };

  return (
    <div className="share-panel">
      <div className="buttons">
        {actions}
        <button type="button" onClick={() => void useScenarioEditor.getState().share()} aria-disabled={share.status === 'working'}>
          Share as a link
        </button>
      </div>
      {share.status === 'working' && <p role="status">Making the link…</p>}
      {share.status === 'failed' && (
        <p role="alert" className="error">
          {share.message}
        </p>
      )}
      {share.status === 'shared' && (
        <div className="share-link">
          <label htmlFor="share-link">Link to this scenario (the address bar shows it too)</label>
          <div className="share-row">
            <input id="share-link" type="text" readOnly value={linkFor(share.param)} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" onClick={() => void copy(linkFor(share.param))}>
              Copy link
            </button>
          </div>
          <p role="status" className="note">
            {copied ?? ''}
          </p>
        </div>
      )}
    </div>
  );
}
