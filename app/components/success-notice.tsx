/** The polite confirmation after an action ("Saved", "Submitted"…); nothing without a message. */
export function SuccessNotice({ message }: { message: string | null | undefined | false }) {
  if (!message) return null;
  return (
    <p className="success" role="status">
      {message}
    </p>
  );
}
