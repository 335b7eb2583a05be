/**
 * Play through the recorded steps at a chosen speed. Real wall time lives
 * here, in the UI only: the simulation moves on its virtual clock, and
 * playing merely steps forward through snapshots already recorded.
 */
import { useCallback, useEffect, useState } from 'react';
import { useLab } from '../../app/lab-store';

export const SPEEDS = [0.5, 1, 2] as const;
/** Wall time between two steps at 1×. */
const STEP_MS = 1000;

export function usePlayback() {
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(1);
  const history = useLab((s) => s.history);
  const busy = useLab((s) => s.busy);
  const steps = useLab((s) => s.steps);
  const canForward = !!history?.canForward;
  // Acting mid-play drops the future: there is nothing left to play, so it shows as stopped.
  const active = playing && canForward;

  useEffect(() => {
    if (!active || busy) return;
    const timer = setTimeout(() => {
      useLab.getState().travel('forward');
      // A step that cannot be restored stops the playback where it is (the message shows beside the buttons).
      if (!useLab.getState().history?.canForward || useLab.getState().travelError) setPlaying(false);
    }, STEP_MS / speed);
    return () => clearTimeout(timer);
  }, [active, busy, speed, steps]);

  const toggle = useCallback(() => {
    setPlaying((now) => !now && !!useLab.getState().history?.canForward);
  }, []);

  return { playing: active, speed, setSpeed, toggle, canPlay: canForward };
}
