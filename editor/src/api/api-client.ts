import { ApiError, apiErrorFrom } from './api-error';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  fetch: FetchLike;
  /** The admin token to send, read at each request so that sign-out takes effect at once. */
  token: () => string | undefined;
  /** Prefix of every path; empty when the app is served by the control plane itself. */
  baseUrl?: string;
}

export interface ApiResponse<T> {
  body: T;
  headers: Headers;
}

/** A thin JSON client for the control plane's REST API: bearer auth and `{error}` bodies. */
export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = this.options.token();
    if (token !== undefined) headers.Authorization = `Bearer ${token}`;
    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await this.options.fetch(`${this.options.baseUrl ?? ''}${path}`, init);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      throw new ApiError(0, `the control plane cannot be reached: ${reason}`, {});
    }
    if (!response.ok) throw await apiErrorFrom(response);
    const text = response.status === 204 ? '' : await response.text();
    return { body: (text === '' ? undefined : JSON.parse(text)) as T, headers: response.headers };
  }

  /** The body as text, untouched: a stored graph is exported byte for byte. */
  async requestText(path: string): Promise<{ text: string; headers: Headers }> {
    const headers: Record<string, string> = {};
    const token = this.options.token();
    if (token !== undefined) headers.Authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await this.options.fetch(`${this.options.baseUrl ?? ''}${path}`, { headers });
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      throw new ApiError(0, `the control plane cannot be reached: ${reason}`, {});
    }
    if (!response.ok) throw await apiErrorFrom(response);
    return { text: await response.text(), headers: response.headers };
  }
}
