/** The island that shows one simulator by id; hydrated when it scrolls into view. */
import { Component, lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { simulationViews, type SimulationId } from './registry';

const views = Object.fromEntries(Object.entries(simulationViews).map(([id, load]) => [id, lazy(load)])) as unknown as Record<
  SimulationId,
  LazyExoticComponent<ComponentType>
>;

/** Shows a message instead of a blank box if a simulator throws. */
class SimulationBoundary extends Component<{ children: ReactNode }, { error: string | null }> {
  override state = { error: null as string | null };
  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  override render() {
    if (this.state.error) {
      return (
        <p className="rl-sim-warning" role="alert">
          The simulator stopped with an error: {this.state.error}. Reloading the page without its settings (the part of the address after
          “?”) starts it afresh.
        </p>
      );
    }
    return this.props.children;
  }
}

/** Renders the simulator `id`. */
export default function SimulationHost({ id }: { id: SimulationId }) {
  const View = views[id];
  return (
    <SimulationBoundary>
      <Suspense fallback={<p className="rl-sim-loading">Loading the simulator…</p>}>
        <View />
      </Suspense>
    </SimulationBoundary>
  );
}
