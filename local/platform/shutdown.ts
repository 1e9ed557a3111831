/** Anything the platform starts and must stop. */
export interface Component {
  stop(): Promise<void>;
}

/**
 * The platform's started components, stopped in reverse order of start (each one's failure
 * logged, the others stopped all the same).
 */
export class Shutdown {
  private readonly stops: Array<() => Promise<void>> = [];

  /** Keeps a component that has started, to stop it later, and returns it. */
  add<T extends Component>(component: T): T {
    this.stops.push(() => component.stop());
    return component;
  }

  async stopAll(): Promise<void> {
    for (const stop of this.stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        console.error('[platform] stop failed:', (error as Error).message);
      }
    }
  }
}
