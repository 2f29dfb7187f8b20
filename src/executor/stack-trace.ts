/**
 * Runtime errors shown in cell terms: stack positions are mapped through each cell's source map back to the cell's
 * own line:column (`In[3]:2:9`), and frames inside the kernel or Node's internals are dropped.
 */
import { SourceMap } from 'node:module';
import { inspect } from 'node:util';

/** Error content of Jupyter's `error` message and reply. */
export interface CellError {
  ename: string;
  evalue: string;
  traceback: string[];
}

const FRAME = /^(\s*at\s+)(?:(.*?)\s+\()?(.*?):(\d+):(\d+)\)?\s*$/;

export class StackMapper {
  /** Each cell's source map, parsed the first time one of its positions is mapped (most cells never throw). */
  private readonly maps = new Map<string, { json: string; map?: SourceMap; lines: number; copiedStretches: boolean }>();

  /** @param internalPaths directories whose frames are kernel internals, never shown to the user. */
  constructor(private readonly internalPaths: readonly string[]) {}

  /**
   * @param lines the cell's line count: positions past it belong to the kernel's wrapper, not the user's code.
   * @param copiedStretches the map's segments start stretches copied from the cell (see TranspiledCell).
   */
  register(fileName: string, sourceMap: string, lines: number, copiedStretches = false): void {
    this.maps.set(fileName, { json: sourceMap, lines, copiedStretches });
  }

  /** Maps one `file:line:col` (1-based) if it belongs to a cell. */
  mapPosition(fileName: string, line: number, column: number): { line: number; column: number } | undefined {
    const cell = this.maps.get(fileName);
    if (!cell) return undefined;
    const map = (cell.map ??= new SourceMap(JSON.parse(cell.json)));
    const entry = map.findEntry(line - 1, column - 1) as { generatedLine?: number; generatedColumn?: number; originalLine?: number; originalColumn?: number };
    if (entry.originalLine === undefined || entry.originalColumn === undefined) return undefined;
    if (!cell.copiedStretches) return { line: entry.originalLine + 1, column: entry.originalColumn + 1 };
    // A line with no segment of its own (the wrapper's last) is not the cell's.
    if (entry.generatedLine !== line - 1) return undefined;
    return { line: entry.originalLine + 1, column: entry.originalColumn + 1 + (column - 1 - entry.generatedColumn!) };
  }

  /** Cell-relative stack lines for an error. */
  frames(stack: string): string[] {
    const frames: string[] = [];
    for (const line of stack.split('\n')) {
      const match = FRAME.exec(line);
      if (!match) continue;
      const [, at, fn, file, lineText, columnText] = match;
      if (this.isInternal(file!)) continue;
      const mapped = this.mapPosition(file!, Number(lineText), Number(columnText));
      const cell = this.maps.get(file!);
      if (cell && (!mapped || mapped.line > cell.lines)) continue; // the async wrapper's own frame
      const position = mapped ? `${file}:${mapped.line}:${mapped.column}` : `${file}:${lineText}:${columnText}`;
      frames.push(fn ? `${at}${fn} (${position})` : `${at}${position}`);
    }
    return frames;
  }

  /** The `error` content for anything a cell throws. */
  toCellError(thrown: unknown): CellError {
    if (thrown instanceof Error || (thrown && typeof thrown === 'object' && 'stack' in thrown && 'message' in thrown)) {
      const error = thrown as Error;
      const ename = error.name || 'Error';
      const evalue = String(error.message);
      const frames = typeof error.stack === 'string' ? this.frames(error.stack) : [];
      return { ename, evalue, traceback: [`${ename}: ${evalue}`, ...frames] };
    }
    const evalue = inspect(thrown, { colors: false, depth: 2 });
    return { ename: 'Uncaught', evalue, traceback: [`Uncaught ${evalue}`] };
  }

  private isInternal(file: string): boolean {
    if (file.startsWith('node:') || file === 'native' || file.startsWith('internal/')) return true;
    const path = file.startsWith('file://') ? decodeURIComponent(file.slice(7)) : file;
    return this.internalPaths.some((p) => path.startsWith(p));
  }
}
