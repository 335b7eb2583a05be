/**
 * What the editor says about the learner's saved scenario, each in its own
 * box so one never hides another: an opened link, a shared copy kept apart
 * from their draft, a draft another tab changed, a write the browser
 * refused, and a saved value that could not be read (offered for download).
 */
import { useScenarioEditor } from '../../app/scenario-editor';
import { downloadFile } from '../download-file';

function LinkNotice() {
  const notice = useScenarioEditor((s) => s.notice);
  if (!notice) return null;
  return (
    <div className={`notice ${notice.kind}`} role={notice.kind === 'problem' ? 'alert' : 'status'}>
      <p>{notice.text}</p>
      <div className="buttons">
        <button type="button" onClick={() => useScenarioEditor.getState().dismissNotice()}>
          Dismiss
        </button>
      </div>
    </div>
  );
}

/** Stays as long as the text is a copy: the way back to the learner's own draft never goes away by itself. */
function SharedCopyNotice() {
  const sharedCopy = useScenarioEditor((s) => s.sharedCopy);
  const ownText = useScenarioEditor((s) => s.ownText);
  if (!sharedCopy) return null;
  const { keepSharedCopy, restoreOwnText } = useScenarioEditor.getState();
  return (
    <div className="notice info" role="status">
      <p>
        You are editing a copy of a shared scenario. {ownText !== null ? 'Your own scenario is still saved in this browser, unchanged' : 'Your saved scenario is left as it is'}{' '}
        until you choose to keep this one instead.
      </p>
      <div className="buttons">
        <button type="button" onClick={keepSharedCopy}>
          Keep this as my scenario
        </button>
        {ownText !== null && (
          <button type="button" onClick={restoreOwnText}>
            Bring back my own scenario
          </button>
        )}
      </div>
    </div>
  );
}

function OtherTabNotice() {
  const otherTab = useScenarioEditor((s) => s.otherTab);
  if (!otherTab) return null;
  const { loadOtherTab, keepThisTab } = useScenarioEditor.getState();
  return (
    <div className="notice problem" role="alert">
      <p>
        Your scenario was changed in another tab{otherTab.text === null ? ' (removed there, or saved in a form this tab cannot read)' : ''}. This tab still shows
        its own version, and nothing typed here is saved until you choose which to keep.
      </p>
      <div className="buttons">
        {otherTab.text !== null && (
          <button type="button" onClick={loadOtherTab}>
            Load the other tab&apos;s version
          </button>
        )}
        <button type="button" onClick={keepThisTab}>
          Keep this tab&apos;s version
        </button>
      </div>
    </div>
  );
}

function SaveProblem() {
  const problem = useScenarioEditor((s) => s.saveProblem);
  if (!problem) return null;
  return (
    <div className="notice problem" role="alert">
      <p>{problem}</p>
    </div>
  );
}

function UnreadableNotice() {
  const unreadable = useScenarioEditor((s) => s.unreadable);
  if (!unreadable) return null;
  const name = unreadable.kind === 'damaged' ? 'authlab-damaged-scenario.txt' : 'authlab-saved-scenario.txt';
  return (
    <div className="notice problem" role="alert">
      <p>{unreadable.message}</p>
      <div className="buttons">
        <button type="button" onClick={() => downloadFile(name, unreadable.raw)}>
          {unreadable.kind === 'damaged' ? 'Download the damaged saved value' : 'Download the saved value'}
        </button>
        <button type="button" onClick={() => useScenarioEditor.getState().dismissUnreadable()}>
          Dismiss
        </button>
      </div>
    </div>
  );
}

export function DraftNotices() {
  return (
    <>
      <UnreadableNotice />
      <OtherTabNotice />
      <SaveProblem />
      <SharedCopyNotice />
      <LinkNotice />
    </>
  );
}
