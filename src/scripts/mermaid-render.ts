/**
 * Renders every `.rl-diagram` on the page with mermaid, loaded lazily from the local bundle.
 * Diagrams render when near the viewport; a theme switch re-renders them in the matching theme.
 * A diagram that fails to parse shows its error and logs it (the browser tests fail on that).
 */
type Mermaid = typeof import('mermaid').default;

let mermaidPromise: Promise<Mermaid> | undefined;
let counter = 0;

const currentTheme = () => (document.documentElement.dataset.theme === 'light' ? 'default' : 'dark');

async function loadMermaid(): Promise<Mermaid> {
  mermaidPromise ??= import('mermaid').then((m) => m.default);
  return mermaidPromise;
}

async function render(figure: HTMLElement): Promise<void> {
  const canvas = figure.querySelector<HTMLElement>('.rl-diagram-canvas');
  const source = figure.querySelector('pre')?.textContent ?? '';
  if (!canvas) return;
  const theme = currentTheme();
  if (canvas.dataset.renderedTheme === theme) return;
  const mermaid = await loadMermaid();
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme,
    fontFamily: 'inherit',
    flowchart: { htmlLabels: false },
  });
  try {
    const { svg } = await mermaid.render(`rl-mermaid-${++counter}`, source);
    canvas.innerHTML = svg;
    canvas.querySelector('svg')?.setAttribute('aria-hidden', 'true');
    canvas.dataset.state = 'rendered';
    canvas.dataset.renderedTheme = theme;
  } catch (error) {
    canvas.dataset.state = 'error';
    canvas.textContent = `This diagram could not be drawn: ${error instanceof Error ? error.message : String(error)}`;
    console.error('mermaid diagram failed to render', error);
  }
}

/** Starts rendering the page's diagrams as they come into view, and keeps them in step with the theme. */
export function renderDiagrams(): void {
  const figures = [...document.querySelectorAll<HTMLElement>('.rl-diagram')];
  if (figures.length === 0) return;
  const visible = new Set<HTMLElement>();
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const figure = entry.target as HTMLElement;
        visible.add(figure);
        observer.unobserve(figure);
        void render(figure);
      }
    },
    { rootMargin: '400px 0px' },
  );
  figures.forEach((f) => observer.observe(f));
  new MutationObserver(() => visible.forEach((f) => void render(f))).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['data-theme'],
  });
}
