// Talking to the running hub as a browser would (cookies, CSRF token, forms).
export const HUB = process.env.HUB_URL ?? "http://localhost:3100";

export class Client {
  cookies = new Map<string, string>();

  /** `base`: another instance of the hub (the fault suite runs its own). */
  constructor(readonly base = HUB) {}

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attrs.some((a) => /max-age=0/i.test(a) || /expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(path: string, headers: Record<string, string> = {}) {
    const res = await fetch(this.base + path, { headers: { cookie: this.cookieHeader(), ...headers }, redirect: "manual" });
    this.remember(res);
    return res;
  }

  /** The CSRF token that forms carry (the hub_csrf cookie, set on the first visit). */
  async csrf(): Promise<string> {
    if (!this.cookies.has("hub_csrf")) await this.get("/");
    return decodeURIComponent(this.cookies.get("hub_csrf") ?? "");
  }

  async post(path: string, data: Record<string, string | string[]> | URLSearchParams, opts: { csrf?: boolean; headers?: Record<string, string> } = {}) {
    const body = data instanceof URLSearchParams ? data : new URLSearchParams();
    if (!(data instanceof URLSearchParams)) {
      for (const [k, v] of Object.entries(data)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    }
    if (opts.csrf !== false && !body.has("_csrf")) body.set("_csrf", await this.csrf());
    const res = await fetch(this.base + path, {
      method: "POST",
      body,
      headers: { cookie: this.cookieHeader(), "content-type": "application/x-www-form-urlencoded", origin: this.base, ...(opts.headers ?? {}) },
      redirect: "manual",
    });
    this.remember(res);
    return res;
  }

  /** A multipart form post (file uploads), with the CSRF token added like a form would carry it. */
  async postMultipart(path: string, form: FormData, opts: { csrf?: boolean } = {}) {
    if (opts.csrf !== false && !form.has("_csrf")) form.set("_csrf", await this.csrf());
    const res = await fetch(this.base + path, { method: "POST", body: form, headers: { cookie: this.cookieHeader(), origin: this.base }, redirect: "manual" });
    this.remember(res);
    return res;
  }

  async login(email: string, password = "practice-hub-demo") {
    const res = await this.post("/login", { email, password });
    if (res.status !== 302) throw new Error(`login failed for ${email}: ${res.status}`);
    return this;
  }
}

/** GET `path` as `client`: the status, the body and how long the answer took. */
export async function timedGet(path: string, client = new Client()) {
  const started = Date.now();
  const res = await client.get(path);
  return { status: res.status, body: await res.text(), ms: Date.now() - started };
}

export const demo = {
  admin: "admin@example.org",
  moderator: "moderator@example.org",
  member: "member@example.org",
  member2: "member2@example.org",
};
