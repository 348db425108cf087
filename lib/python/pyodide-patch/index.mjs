// Our patch of Pyodide 314.0.7's JavaScript (pyodide.asm.mjs), applied by scripts/build-runtime.mjs when it copies
// Pyodide into public/pyodide/. Plain ESM so the build script can import it before anything is compiled.
// What each hunk fixes and why is in ./README.md; lib/python/pyodide-patch/patch.test.ts fails when a hunk no
// longer matches the installed Pyodide (update or drop it then: upstream may have fixed the bug).

/** The Pyodide version these hunks were written against. */
export const PATCHED_VERSION = "314.0.7";

/** First line of a patched file: the build refuses to patch twice, and the snapshot key includes it. */
export const MARKER = "/* interleave: patched Pyodide (lib/python/pyodide-patch) */\n";

/**
 * pyodide#6464 (fixed upstream in #6466, after 314.0.7): a suspended promising task keeps its thread state's
 * `current_frame`, whose chain starts with an entry frame living on the argument stack that other tasks reuse.
 * CPython's incremental collector walks `current_frame` of every thread state (Python/gc.c mark_stacks) and, on
 * reused memory, dies with "memory access out of bounds". Upstream nulls `current_frame` while the task is
 * suspended and puts it back when it resumes; the walk is an optimisation, not needed for correctness.
 *
 * Our version does the same from JavaScript. The field's byte offset in PyThreadState is not hard-coded: it is
 * found once, at the first suspension, by comparing the thread state's words with the `f_frame` pointer of the
 * frame object CPython returns for that thread state (PyThreadState_GetFrame), and refused (no nulling, a console
 * warning, `Module.interleaveFrameOffset` stays -1) unless exactly one word matches.
 */
const saveState = {
  id: "suspended-frames",
  find: 'function saveState(){if(!validSuspender.value){return Module.error}const threadState=_captureThreadState();if(threadState===0){return Module.error}const stackState=new StackState;return{threadState,stackState,suspender:suspenderGlobal.value}}',
  replace:
    "function interleaveFrameOffset(){" +
    // -2: not yet calibrated; -1: calibration failed (leave current_frame alone); else the byte offset.
    "if(Module.interleaveFrameOffset!==undefined&&Module.interleaveFrameOffset!==-2)return Module.interleaveFrameOffset;" +
    "let found=-1;const ts=_PyThreadState_GetUnchecked();const fo=ts?_PyThreadState_GetFrame(ts):0;" +
    // No Python frame to compare with (a suspension from C): try again at the next one.
    "if(!fo)return -1;const matches=[];" +
    // PyFrameObject: a few words after its header hold f_back and f_frame; PyThreadState: current_frame is among
    // its first few dozen words (found at byte 52 in Pyodide 314.0.7).
    "for(let k=1;k<40;k++){const v=HEAP32[(ts>>2)+k];if(!v)continue;for(let j=2;j<6;j++){if(HEAP32[(fo>>2)+j]===v)matches.push(k*4)}}" +
    "_Py_DecRef(fo);if(matches.length===1)found=matches[0];" +
    'if(found<0)console.warn("interleave: could not find current_frame in PyThreadState; the garbage-collector fix (pyodide#6464) is off");' +
    "Module.interleaveFrameOffset=found;return found}" +
    "function saveState(){if(!validSuspender.value){return Module.error}const frameOffset=interleaveFrameOffset();" +
    "const threadState=_captureThreadState();if(threadState===0){return Module.error}const stackState=new StackState;" +
    "let currentFrame=0;if(frameOffset>0){currentFrame=HEAP32[(threadState+frameOffset)>>2];HEAP32[(threadState+frameOffset)>>2]=0}" +
    "return{threadState,stackState,suspender:suspenderGlobal.value,currentFrame,frameOffset}}",
};

const restoreState = {
  id: "resumed-frames",
  find: "function restoreState(state){state.stackState.restore();_restoreThreadState(state.threadState);suspenderGlobal.value=state.suspender;validSuspender.value=true}",
  replace:
    "function restoreState(state){state.stackState.restore();" +
    "if(state.frameOffset>0){HEAP32[(state.threadState+state.frameOffset)>>2]=state.currentFrame}" +
    "_restoreThreadState(state.threadState);suspenderGlobal.value=state.suspender;validSuspender.value=true}",
};

/**
 * A memory snapshot restored in another engine than the one that made it. CPython keeps the table index of its call
 * trampoline in `_PyRuntime` (Python/emscripten_trampoline.c); Pyodide computes it before the snapshot is restored
 * (a preRun step: the index is that of a function added to the table at start-up) and restoring the memory then puts
 * back the index the snapshot's engine had. Where the engines' tables differ in length at that point (14175 entries
 * in Chromium, 15147 in WebKitGTK 2.50), the next C-to-Python call goes through the wrong entry: "call_indirect to a
 * signature that does not match". The hunk keeps this engine's value across the restore.
 */
const snapshotTrampoline = {
  id: "snapshot-trampoline",
  find: "let s=(new TextDecoder).decode(i),l=JSON.parse(s);return Module.HEAP8.set(t),l};",
  replace:
    "let s=(new TextDecoder).decode(i),l=JSON.parse(s);" +
    "const trampolineAt=(__PyRuntime+HEAP32[__PyEM_EMSCRIPTEN_TRAMPOLINE_OFFSET/4>>>0])/4>>>0,trampoline=HEAP32[trampolineAt];" +
    "Module.HEAP8.set(t);HEAP32[trampolineAt]=trampoline;return l};",
};

export const HUNKS = [saveState, restoreState, snapshotTrampoline];

/**
 * Applies every hunk to the text of pyodide.asm.mjs. Throws, naming the hunk, when one does not match exactly
 * once or the text was patched already: a new Pyodide must be looked at by a person, never patched blindly.
 */
export function patchPyodideAsm(source) {
  if (source.startsWith(MARKER)) throw new Error("pyodide.asm.mjs is already patched");
  let text = source;
  for (const hunk of HUNKS) {
    const first = text.indexOf(hunk.find);
    if (first === -1) throw new Error(`Pyodide patch "${hunk.id}" does not apply: its code is not in pyodide.asm.mjs`);
    if (text.indexOf(hunk.find, first + 1) !== -1) throw new Error(`Pyodide patch "${hunk.id}" matches more than once`);
    text = text.slice(0, first) + hunk.replace + text.slice(first + hunk.find.length);
  }
  return MARKER + text;
}
