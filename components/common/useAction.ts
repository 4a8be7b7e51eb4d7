'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

/**
 * Runs an API action from a button or dialog: tracks busy and the error to show, and refreshes
 * the server-rendered page after success. `run` resolves to whether it succeeded.
 */
export function useAction() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(action: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await action();
      router.refresh();
      return true;
    } catch (err) {
      setError((err as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, setError, run };
}
