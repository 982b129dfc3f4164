import type { Probot } from "probot";
import { z } from "zod";
import type { IssueTriage } from "../app/handle-event.js";
import { loadConfig } from "../github/config.js";
import { appIdentity } from "../github/identity.js";
import type { Octokit } from "../github/types.js";
import type { InFlight, Store } from "../store/index.js";
import { runMirror, syncSummary } from "./run.js";

/**
 * The server's schedule: a timer per installation of the app, each round looking at every repository
 * it can see and syncing those whose `mirror.enabled` is set and whose interval has passed. A round
 * holds the installation's lock in the store, so with replicas on Redis one round runs at a time, and
 * the last sync of a repository is kept there too, so the next replica to take the lock skips it.
 */
export interface ScheduleOptions {
  app: Probot;
  store: Store;
  triage: IssueTriage;
  inFlight: InFlight;
  /** How often each installation's round runs: the shortest `mirror.intervalMinutes`. */
  tickMs?: number;
  /** For tests: the dashboard's transport and the wait between its requests. */
  fetch?: typeof fetch;
  spacingMs?: number;
}

const TICK_MS = 15 * 60_000;
/** A repository without `mirror.enabled` is asked again an hour later: its config costs a request or two. */
const DISABLED_TTL_MS = 60 * 60_000;
const LEASE_MS = 60_000;
/** The first look for installations waits for the server to settle; each new installation's first round then comes within this long too, so that replicas started together spread out. */
const FIRST_ROUND_MS = 60_000;
const Flag = z.literal(true);

interface Repository {
  name: string;
  owner: { login: string };
  html_url: string;
  archived?: boolean;
}

export class MirrorSchedule {
  readonly #options: ScheduleOptions & { tickMs: number };
  readonly #timers = new Map<number, NodeJS.Timeout>();
  readonly #running = new Set<number>();
  readonly #stopping = new AbortController();
  #discovery: NodeJS.Timeout | undefined;

  constructor(options: ScheduleOptions) {
    this.#options = { ...options, tickMs: options.tickMs ?? TICK_MS };
  }

  /** Looks for installations a minute from now and every tick after, and runs each one's rounds. */
  start(): void {
    const discover = () => void this.discover().catch((err: unknown) => this.#options.app.log.error({ err }, "mirror: could not list the app's installations"));
    this.#discovery = setTimeout(() => {
      discover();
      this.#discovery = setInterval(discover, this.#options.tickMs).unref();
    }, FIRST_ROUND_MS).unref();
  }

  /** No more rounds; a round running stops at its next request (the shutdown waits for it through `inFlight`). */
  stop(): void {
    this.#stopping.abort(new Error("the app is shutting down"));
    clearTimeout(this.#discovery);
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  /** Starts a timer for each new installation and stops the timers of those gone. */
  async discover(): Promise<void> {
    const octokit = (await this.#options.app.auth()) as Octokit;
    const installations = await octokit.paginate(octokit.rest.apps.listInstallations, { per_page: 100 });
    const ids = new Set(installations.map((i) => i.id));
    for (const [id, timer] of this.#timers) {
      if (ids.has(id)) continue;
      clearTimeout(timer);
      this.#timers.delete(id);
    }
    for (const id of ids) {
      if (this.#timers.has(id) || this.#stopping.signal.aborted) continue;
      const next = (delay: number) => this.#timers.set(id, setTimeout(() => void this.round(id).finally(() => this.#timers.has(id) && next(this.#options.tickMs)), delay).unref());
      next(Math.random() * Math.min(FIRST_ROUND_MS, this.#options.tickMs));
    }
  }

  /** One round of an installation: each repository synced when due. Never throws: what fails is logged. */
  round(installation: number): Promise<void> {
    if (this.#running.has(installation) || this.#stopping.signal.aborted) return Promise.resolve();
    this.#running.add(installation);
    const { store, inFlight, app } = this.#options;
    return inFlight
      .track(() => store.withLock(`mirror:${installation}`, LEASE_MS, (lost) => this.#round(installation, AbortSignal.any([lost, this.#stopping.signal]))))
      .catch((err: unknown) => app.log.error({ err, installation }, "mirror: the round failed"))
      .finally(() => this.#running.delete(installation));
  }

  async #round(installation: number, signal: AbortSignal): Promise<void> {
    const { app } = this.#options;
    const octokit = (await app.auth(installation)) as Octokit;
    const identity = await appIdentity(app);
    const repositories = (await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 })) as unknown as Repository[];
    for (const repository of repositories) {
      signal.throwIfAborted();
      // One repository failing (GitHub answering 5xx, say) leaves the others their sync.
      await this.#repository(installation, octokit, identity.login, repository, signal).catch((err: unknown) => {
        if (signal.aborted) throw err;
        app.log.error({ err, installation, repository: `${repository.owner.login}/${repository.name}` }, "mirror: the sync failed");
      });
    }
  }

  async #repository(installation: number, octokit: Octokit, login: string, repository: Repository, signal: AbortSignal): Promise<void> {
    const { app, store, triage } = this.#options;
    const cache = store.cache(installation, "mirror");
    const repo = { owner: repository.owner.login, repo: repository.name };
    const key = `${repo.owner}/${repo.repo}`;
    if (repository.archived || (await cache.get(`ran:${key}`, Flag)) || (await cache.get(`off:${key}`, Flag))) return;
    const config = await loadConfig(octokit, repo);
    if (!config.ok || !config.config.mirror.enabled) {
      await cache.set(`off:${key}`, true, DISABLED_TTL_MS);
      return;
    }
    // Marked before it runs: a sync that dies half way is not started again before its interval.
    const intervalMs = config.config.mirror.intervalMinutes * 60_000;
    await cache.set(`ran:${key}`, true, Math.max(intervalMs - this.#options.tickMs / 2, this.#options.tickMs / 2));
    const target = { octokit, installation, repo, repoUrl: repository.html_url, login, triage: triage.now, log: app.log };
    const result = await runMirror(target, config.config, { dryRun: false, signal, ...this.#testing() });
    app.log.info({ installation, repository: key, ...syncSummary(result) }, "mirror: synced");
  }

  #testing(): { fetch?: typeof fetch; spacingMs?: number } {
    const { fetch, spacingMs } = this.#options;
    return { ...(fetch ? { fetch } : {}), ...(spacingMs !== undefined ? { spacingMs } : {}) };
  }
}
