/** A session ends after two weeks without a visit (pure: shared by the model, the app and the server). */
export const SESSION_IDLE_MS = 1000 * 60 * 60 * 24 * 14;
