import type { Cadence } from "@cadence/sdk";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { type Problem, toProblem, useClient } from "./api";

export interface Resource<T> {
  data: T | undefined;
  problem: Problem | null;
  loading: boolean;
  /** Loads again (keeps showing the current data meanwhile). */
  reload: () => void;
}

/**
 * Loads `load(client)` when `deps` change, and again every `pollMs(data)` milliseconds while that
 * returns a number (live campaigns); a reply that arrives after a newer request started is dropped.
 */
export function useResource<T>(
  load: (client: Cadence) => Promise<T>,
  deps: unknown[],
  pollMs?: (data: T) => number | null,
): Resource<T> {
  const client = useClient();
  const [data, setData] = useState<T | undefined>(undefined);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const pollRef = useRef(pollMs);
  pollRef.current = pollMs;

  useEffect(() => {
    const mine = ++generation.current;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setLoading(true);
    loadRef.current(client).then(
      (value) => {
        if (mine !== generation.current) return;
        setData(value);
        setProblem(null);
        setLoading(false);
        const next = pollRef.current?.(value);
        if (next != null) timer = setTimeout(() => setTick((t) => t + 1), next);
      },
      (error) => {
        if (mine !== generation.current) return;
        setProblem(toProblem(error));
        setLoading(false);
      },
    );
    return () => clearTimeout(timer);
  }, [client, tick, ...deps]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, problem, loading, reload };
}
