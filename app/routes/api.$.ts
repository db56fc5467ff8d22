import { apiError } from "~/lib/api.server";

export const loader = () => apiError(404, "Unknown API endpoint.");
export const action = () => apiError(405, "Method not allowed.");
