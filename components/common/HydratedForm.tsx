'use client';

import { Form } from '@carbon/react';
import { useSyncExternalStore, type ComponentProps } from 'react';

// display: contents keeps the form's own layout (grid, spacing) applying to the fields themselves.
const FIELDSET = { display: 'contents' } as const;
const noSubscription = () => () => {};

/** False in the server render and while React hydrates; true from then on. */
export function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

/**
 * Carbon's Form with its controls disabled until React has hydrated them: what a user types before
 * that is lost when React takes the inputs over, and a submit would go out as a plain GET.
 */
export function HydratedForm({ children, ...props }: ComponentProps<typeof Form>) {
  const hydrated = useHydrated();
  return (
    <Form {...props}>
      <fieldset disabled={!hydrated} style={FIELDSET} data-hydrated={hydrated}>
        {children}
      </fieldset>
    </Form>
  );
}
