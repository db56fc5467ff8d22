// What keeps a form from losing or doubling work: an idempotency key per render (the server
// creates one post per key), a warning before leaving the page with unsaved edits, and an
// empty form again after a successful post with JavaScript.
import { useActionData, useNavigation } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState, type RefObject } from "react";

/** The hidden idempotency key of this render of a form that creates something. */
export function IdempotencyField({ value }: { value: string }) {
  return <input type="hidden" name="idempotencyKey" value={value} />;
}

/**
 * Warns before the page is left (closed, reloaded, navigated away by the browser) while the
 * form has edits that were neither submitted nor saved. An edit is any input or change event
 * in the form (the rich-text editor fires them too); submitting the form clears it.
 * `version()` and `markSaved(v)` let an autosave declare the edits up to `v` saved.
 */
export function useUnsavedChangesGuard(formRef: RefObject<HTMLFormElement | null>) {
  const edits = useRef(0);
  const saved = useRef(0);
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    const onEdit = () => {
      edits.current += 1;
    };
    const onSubmit = () => {
      saved.current = edits.current;
    };
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (edits.current <= saved.current) return;
      e.preventDefault();
      e.returnValue = ""; // older browsers need it set
    };
    form.addEventListener("input", onEdit);
    form.addEventListener("change", onEdit);
    form.addEventListener("submit", onSubmit);
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      form.removeEventListener("input", onEdit);
      form.removeEventListener("change", onEdit);
      form.removeEventListener("submit", onSubmit);
      window.removeEventListener("beforeunload", onBeforeUnload);
    };
  }, [formRef]);
  return useMemo(
    () => ({
      version: () => edits.current,
      markSaved: (v: number) => {
        saved.current = Math.max(saved.current, v);
      },
    }),
    [],
  );
}

/**
 * A number that grows each time a submission of the form with this `intent` succeeded (the
 * action redirected) while the page stayed: use it as the form's React key so that the form,
 * and the rich-text editor in it, start empty again. Failed submissions (the action answered
 * with data) keep what was typed.
 */
export function useSuccessfulSubmissions(intent: string) {
  const navigation = useNavigation();
  const actionData = useActionData();
  const [count, setCount] = useState(0);
  const pending = useRef(false);
  useEffect(() => {
    if (navigation.state !== "idle") {
      if (navigation.formData?.get("intent") === intent) pending.current = true;
      return;
    }
    if (!pending.current) return;
    pending.current = false;
    if (actionData === undefined) setCount((c) => c + 1);
  }, [navigation.state, navigation.formData, actionData, intent]);
  return count;
}
