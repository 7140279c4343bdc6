/**
 * The staff API over fetch, authenticated by the httpOnly session cookie (never a token in
 * storage). Every unsafe request carries `X-CSRF-Token`: the login answer's `csrfToken`, or
 * after a reload the readable `faro_csrf` cookie. Errors become ApiError with the server's
 * `{error:{code,message}}`; a 401 also tells the app to show the login form.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export class Api {
  private csrfToken: string | undefined;

  constructor(private readonly onUnauthorized: () => void) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }
  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }
  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }
  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  async login(email: string, password: string): Promise<void> {
    const answer = await this.request<{ csrfToken: string }>('POST', '/api/auth/login', { email, password }, false);
    this.csrfToken = answer.csrfToken;
  }

  async logout(): Promise<void> {
    try {
      await this.request<void>('POST', '/api/auth/logout', undefined, false);
    } finally {
      this.csrfToken = undefined;
    }
  }

  private async request<T>(method: Method, path: string, body?: unknown, reportUnauthorized = true): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') {
      const csrf = csrfCookie() ?? this.csrfToken;
      if (csrf) headers['x-csrf-token'] = csrf;
    }
    let res: Response;
    try {
      res = await fetch(path, { method, headers, credentials: 'same-origin', cache: 'no-store', ...(body !== undefined && { body: JSON.stringify(body) }) });
    } catch {
      throw new ApiError(0, 'NetworkError', '');
    }
    if (res.status === 204) return undefined as T;
    const data = (await res.json().catch(() => null)) as unknown;
    if (res.ok) return data as T;
    const error = (data as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    const code = typeof error?.code === 'string' ? error.code : `Http${res.status}`;
    const message = typeof error?.message === 'string' ? error.message : '';
    if (res.status === 401 && reportUnauthorized) this.onUnauthorized();
    throw new ApiError(res.status, code, message);
  }
}

function csrfCookie(): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === 'faro_csrf' && value.length > 0) return decodeURIComponent(value.join('='));
  }
  return undefined;
}
