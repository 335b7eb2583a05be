/**
 * The learner's saved progress: the notice when saved data could not be
 * read (with its old text to download), and export/import as a JSON file.
 * A file that cannot be imported says why and changes nothing.
 */
import { useRef, useState } from 'react';
import { parseProgressFile, toProgressFile } from '../../app/progress-data';
import { useProgress } from '../../app/progress-store';

/** Offers `text` as a file download (an object URL on a temporary link). */
function download(name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled, so the download has started.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ProgressNoticeBanner() {
  const notice = useProgress((s) => s.notice);
  const notify = useProgress((s) => s.notify);
  if (!notice) return null;
  return (
    <div role="alert" className="progress-notice">
      <p>{notice.message}</p>
      <div className="buttons">
        {notice.oldData !== undefined && (
          <button type="button" onClick={() => download('authlab-progress-unreadable.txt', notice.oldData!, 'text/plain')}>
            Download the old data
          </button>
        )}
        <button type="button" onClick={() => notify(null)}>
          Dismiss
        </button>
      </div>
    </div>
  );
}

export function ProgressFiles() {
  const lessons = useProgress((s) => s.lessons);
  const replaceAll = useProgress((s) => s.replaceAll);
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const importFile = async (file: File) => {
    try {
      const data = parseProgressFile(await file.text());
      replaceAll(data);
      setMessage({ ok: true, text: `Imported progress for ${Object.keys(data.lessons).length} lesson(s) from ${file.name}.` });
    } catch (error) {
      setMessage({ ok: false, text: `${file.name} was not imported, and your progress is unchanged: ${error instanceof Error ? error.message : String(error)}.` });
    }
  };

  return (
    <section className="progress-files" aria-labelledby="progress-files-title">
      <h2 id="progress-files-title">Your progress</h2>
      <p className="note">Kept in this browser only. Move it to another browser with a file.</p>
      <div className="buttons">
        <button type="button" onClick={() => download('authlab-progress.json', JSON.stringify(toProgressFile({ lessons }), null, 2))}>
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
