/**
 * The learner's saved progress: the notice when saved data could not be
 * read (with its old text to download), the warning when progress could not
 * be saved (with the export right there), and export/import as a JSON file.
 * A file that cannot be imported says why and changes nothing; entries of it
 * that were refused or clamped are named.
 */
import { useRef, useState } from 'react';
import type { Catalog } from '../../app/lesson-catalog';
import { numberSteps } from '../../app/lesson-steps';
import type { ProgressData } from '../../app/progress-data';
import { parseProgressFile, toProgressFile } from '../../app/progress-file';
import { useProgress } from '../../app/progress-store';
import { downloadFile } from '../download-file';

/** At most this many refused or changed entries of an imported file are listed; the rest are counted. */
const NOTES_SHOWN = 10;

const exportProgress = (data: ProgressData) => downloadFile('authlab-progress.json', JSON.stringify(toProgressFile(data), null, 2), 'application/json');

/** The recovery notice, and the warning while progress cannot be saved; shown above the list and above a lesson. */
export function ProgressNoticeBanner() {
  const notice = useProgress((s) => s.notice);
  const saveError = useProgress((s) => s.saveError);
  const notify = useProgress((s) => s.notify);
  const releaseOldData = useProgress((s) => s.releaseOldData);
  return (
    <>
      {notice && (
        <div role="alert" className="progress-notice">
          <p>{notice.message}</p>
          <div className="buttons">
            {notice.oldData !== undefined && (
              <button
                type="button"
                onClick={() => {
                  downloadFile('authlab-progress-unreadable.txt', notice.oldData!);
                  releaseOldData();
                }}
              >
                Download the old data
              </button>
            )}
            {notice.held ? (
              // Dismissing would leave new progress unsaved without a word: the learner chooses.
              <button type="button" onClick={releaseOldData}>
                Discard the old data
              </button>
            ) : (
              <button type="button" onClick={() => notify(null)}>
                Dismiss
              </button>
            )}
          </div>
        </div>
      )}
      {saveError && (
        <div role="alert" className="progress-notice">
          <p>{saveError}</p>
          <div className="buttons">
            <button type="button" onClick={() => exportProgress({ lessons: useProgress.getState().lessons })}>
              Export progress
            </button>
          </div>
        </div>
      )}
    </>
  );
}

/** What an import says: how many lessons, what was refused or changed, and whether it was stored. */
function importMessage(name: string, imported: number, notes: string[], stored: boolean): { ok: boolean; text: string } {
  const shown = notes.slice(0, NOTES_SHOWN).join('; ');
  const more = notes.length > NOTES_SHOWN ? `; and ${notes.length - NOTES_SHOWN} more` : '';
  const refused = notes.length > 0 ? ` Refused or changed: ${shown}${more}.` : '';
  if (imported === 0) return { ok: false, text: `${name} was not imported, and your progress is unchanged: nothing in it could be used.${refused}` };
  if (!stored) {
    return {
      ok: false,
      text: `Progress for ${imported} lesson(s) from ${name} is shown, but it could not be stored in this browser, so it will be gone when you reload.${refused}`,
    };
  }
  return { ok: notes.length === 0, text: `Imported progress for ${imported} lesson(s) from ${name}, added to the progress already here.${refused}` };
}

export function ProgressFiles({ catalog }: { catalog: Catalog }) {
  const lessons = useProgress((s) => s.lessons);
  const importProgress = useProgress((s) => s.importProgress);
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const importFile = async (file: File) => {
    try {
      const stepCounts = Object.fromEntries(catalog.lessons.map((l) => [l.id, numberSteps(l).length]));
      const { data, notes } = parseProgressFile(await file.text(), stepCounts);
      const imported = Object.keys(data.lessons).length;
      const stored = imported > 0 && importProgress(data);
      setMessage(importMessage(file.name, imported, notes, stored));
    } catch (error) {
      setMessage({ ok: false, text: `${file.name} was not imported, and your progress is unchanged: ${error instanceof Error ? error.message : String(error)}.` });
    }
  };

  return (
    <section className="progress-files" aria-labelledby="progress-files-title">
      <h2 id="progress-files-title">Your progress</h2>
      <p className="note">Kept in this browser only. Move it to another browser with a file.</p>
      <div className="buttons">
        <button type="button" onClick={() => exportProgress({ lessons })}>
          Export progress
        </button>
        <label className="file-button">
          Import progress…
          <input
            ref={input}
            type="file"
            accept="application/json,.json"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void importFile(file).finally(() => {
                if (input.current) input.current.value = '';
              });
            }}
          />
        </label>
      </div>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
