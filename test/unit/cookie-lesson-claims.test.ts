/**
 * Sentences lesson 3 and the Sandbox once taught that RFC 6265bis and
 * Chromium contradict. The steps show the behaviour; these checks keep the
 * words from drifting back while the steps still pass: Path hides a cookie
 * from no script of the origin (6265bis §4.1.2.4, §8.5), a Lax link matters
 * for more than state-changing GETs, and a session cookie can outlive a
 * browser that restores its previous session.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../src/lessons/parse-lesson';
import type { Lesson } from '../../src/lessons/types';

function lesson(file: string): Lesson {
  const parsed = parseLesson(file, readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(`${file} does not parse: ${parsed.diagnostics.map((d) => d.message).join('; ')}`);
  return parsed.value;
}

/** Every sentence a learner reads: prose, say, predictions, hints, Solution and Takeaway, with line breaks folded. */
function everything(l: Lesson): string {
  const steps = l.scenarios.flatMap((s) => s.steps);
  return [
    l.summary, ...l.objectives,
    ...l.parts.flatMap((p) => (p.kind === 'prose' ? [p.markdown] : [])),
    ...steps.flatMap((s) => [s.say ?? '', s.predict?.question ?? '', s.predict?.explain ?? '', ...s.hints]),
    l.solution, l.takeaway,
  ].join('\n').replace(/\s+/g, ' ');
}

const cookieLesson = lesson('lessons/03-cookie-attributes.md');

describe('lesson 3 on Path', () => {
  it('asks whether /app1 can read the /app2 cookie on the frame step that reads it, and answers Yes', () => {
    const steps = cookieLesson.scenarios.flatMap((s) => s.steps);
    const frame = steps.find((s) => s.action === 'open /app2/ in a frame');
    expect(frame?.predict?.answer).toBe('Yes');
    expect(frame?.expect.find((e) => e.subject === 'alice frame document.cookie')?.expected).toBe('app2_token=secret');
    // No other prediction about the /app2 cookie teaches that it cannot be read.
    const aboutApp2 = steps.filter((s) => s.predict && /\/app2/.test(s.predict.question));
    expect(aboutApp2.map((s) => s.predict!.answer)).toEqual(['Yes']);
  });

  it('never says a page under /app1 cannot read a /app2 cookie', () => {
    expect(everything(cookieLesson)).not.toMatch(/cannot read (?:a |the )?`?\/app2/i);
    expect(everything(cookieLesson)).toMatch(/Path` is no security boundary, for reading as for sending/);
  });
});

describe('lesson 3 on Lax links', () => {
  it('says a Lax link matters also for reflected XSS and cross-site leaks, not only for state-changing GETs', () => {
    const text = everything(cookieLesson);
    expect(text).not.toMatch(/matters only if a GET changes state/i);
    expect(text).toMatch(/matters also when a GET reaches a reflected XSS/);
    expect(text).toMatch(/XS-Leaks/);
  });
});

describe('session cookies and a browser that restores its session', () => {
  it('lesson 3 says a session cookie ends with the browser session, unless the browser restores it', () => {
    const restart = cookieLesson.scenarios.flatMap((s) => s.steps).find((s) => s.action === 'restart browser');
    expect(restart?.say).toMatch(/A browser that restores the previous session may keep it/);
    expect(cookieLesson.solution.replace(/\s+/g, ' ')).toMatch(/ends with the browser session \(though a browser that restores its previous session may keep it\)/);
  });
});

