// The Lexical editor used by RichTextField in the browser (loaded lazily, never on the server).
// It writes the serialized editor state into a hidden `<name>State` input on every change; the
// server validates, renders and sanitizes it (models/rich-text/render.server.ts).
import { $createLinkNode, $isLinkNode, TOGGLE_LINK_COMMAND } from "@lexical/link";
import { $isListNode, INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, ListNode, REMOVE_LIST_COMMAND } from "@lexical/list";
import { LexicalComposer } from "@lexical/react/LexicalComposer";
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { ContentEditable } from "@lexical/react/LexicalContentEditable";
import { LexicalErrorBoundary } from "@lexical/react/LexicalErrorBoundary";
import { HistoryPlugin } from "@lexical/react/LexicalHistoryPlugin";
import { LinkPlugin } from "@lexical/react/LexicalLinkPlugin";
import { ListPlugin } from "@lexical/react/LexicalListPlugin";
import { OnChangePlugin } from "@lexical/react/LexicalOnChangePlugin";
import { RichTextPlugin } from "@lexical/react/LexicalRichTextPlugin";
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode, type HeadingTagType } from "@lexical/rich-text";
import { $setBlocksType } from "@lexical/selection";
import { $getNearestNodeOfType } from "@lexical/utils";
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  $setSelection,
  FORMAT_TEXT_COMMAND,
  type BaseSelection,
  type EditorState,
  type LexicalEditor,
} from "lexical";
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { allowedLinkSchemes, richTextNodes } from "../../models/rich-text/nodes";

export interface LexicalFieldProps {
  name: string;
  fieldId: string;
  labelId: string;
  describedBy?: string;
  invalid?: boolean;
  required?: boolean;
  defaultState?: string;
  defaultText?: string;
}

const validUrl = (url: string) => {
  try {
    return allowedLinkSchemes.includes(new URL(url).protocol);
  } catch {
    return false;
  }
};

function initialState(defaultState?: string, defaultText?: string) {
  if (defaultState) {
    try {
      const parsed = JSON.parse(defaultState) as { root?: { children?: unknown[] } };
      if (parsed?.root?.children?.length) return defaultState;
    } catch {
      /* fall back to the text */
    }
  }
  const text = defaultText ?? "";
  return (editor: LexicalEditor) => {
    void editor;
    const root = $getRoot();
    const paragraphs = text.replace(/\r\n?/g, "\n").split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);
    if (paragraphs.length === 0) root.append($createParagraphNode());
    for (const p of paragraphs) root.append($createParagraphNode().append($createTextNode(p)));
  };
}

const svg = (d: string) => (
  <svg width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" focusable="false">
    <path d={d} />
  </svg>
);
const icons = {
  bullet: svg("M2.5 4h.01M2.5 8h.01M2.5 12h.01M6 4h8M6 8h8M6 12h8"),
  number: svg("M2 3h1.5v3M2 6h3M2 10h2.5L2 13h3M7.5 4.5H14M7.5 11.5H14"),
  quote: svg("M3 11c0-3 1-5 3-6M3 11h2.5V8.5H3M9 11c0-3 1-5 3-6M9 11h2.5V8.5H9"),
  link: svg("M6.5 9.5a3 3 0 0 0 4.2 0l2.1-2.1a3 3 0 0 0-4.2-4.2l-.8.8M9.5 6.5a3 3 0 0 0-4.2 0L3.2 8.6a3 3 0 0 0 4.2 4.2l.8-.8"),
};

type Block = "paragraph" | "h2" | "h3" | "h4" | "quote" | "bullet" | "number";

function Toolbar({ controls }: { controls: string }) {
  const [editor] = useLexicalComposerContext();
  const { t } = useTranslation("practices");
  const [bold, setBold] = useState(false);
  const [italic, setItalic] = useState(false);
  const [block, setBlock] = useState<Block>("paragraph");
  const [link, setLink] = useState(false);

  const refresh = useCallback(() => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    setBold(selection.hasFormat("bold"));
    setItalic(selection.hasFormat("italic"));
    const anchor = selection.anchor.getNode();
    const top = anchor.getKey() === "root" ? anchor : anchor.getTopLevelElementOrThrow();
    const list = $getNearestNodeOfType(anchor, ListNode);
    if (list && $isListNode(list)) setBlock(list.getListType() === "number" ? "number" : "bullet");
    else if ($isHeadingNode(top)) setBlock(top.getTag() as Block);
    else if ($isQuoteNode(top)) setBlock("quote");
    else setBlock("paragraph");
    const parent = anchor.getParent();
    setLink($isLinkNode(parent) || $isLinkNode(anchor));
  }, []);

  useEffect(() => editor.registerUpdateListener(({ editorState }) => editorState.read(refresh)), [editor, refresh]);

  const setBlockType = (b: Block) => {
    if (b === "bullet" || b === "number") {
      editor.dispatchCommand(block === b ? REMOVE_LIST_COMMAND : b === "bullet" ? INSERT_UNORDERED_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND, undefined);
      return;
    }
    if (block === "bullet" || block === "number") editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
    editor.update(() => {
      const selection = $getSelection();
      const target = block === b ? "paragraph" : b;
      if (target === "paragraph") $setBlocksType(selection, () => $createParagraphNode());
      else if (target === "quote") $setBlocksType(selection, () => $createQuoteNode());
      else $setBlocksType(selection, () => $createHeadingNode(target as HeadingTagType));
    });
  };

  // Adding a link opens a small labelled panel under the toolbar (no window.prompt): the address
  // is checked before it is applied to the selection saved when the panel opened.
  const [linkPanel, setLinkPanel] = useState(false);
  const [linkUrl, setLinkUrl] = useState("https://");
  const [linkError, setLinkError] = useState(false);
  const savedSelection = useRef<BaseSelection | null>(null);
  const linkInput = useRef<HTMLInputElement>(null);
  const linkButton = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (linkPanel) linkInput.current?.select();
  }, [linkPanel]);

  const toggleLink = () => {
    if (link) {
      editor.dispatchCommand(TOGGLE_LINK_COMMAND, null);
      return;
    }
    savedSelection.current = editor.getEditorState().read(() => $getSelection()?.clone() ?? null);
    setLinkUrl("https://");
    setLinkError(false);
    setLinkPanel(true);
  };

  const closeLinkPanel = (refocus: "editor" | "button") => {
    setLinkPanel(false);
    setLinkError(false);
    if (refocus === "editor") editor.focus();
    else linkButton.current?.focus();
  };

  const applyLink = () => {
    const url = linkUrl.trim();
    if (!validUrl(url)) {
      setLinkError(true);
      linkInput.current?.focus();
      return;
    }
    editor.update(() => {
      if (savedSelection.current) $setSelection(savedSelection.current.clone());
    });
    editor.dispatchCommand(TOGGLE_LINK_COMMAND, url);
    closeLinkPanel("editor");
  };

  const onLinkKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault(); // never submit the practice form from here
      applyLink();
    } else if (e.key === "Escape") {
      e.preventDefault();
      closeLinkPanel("button");
    }
  };

  // Every button shows its translated name (no glyph that some fonts lack); icons are inline SVG.
  const btn = (key: string, pressed: boolean, onClick: () => void, icon: ReactNode, extra: { ref?: React.Ref<HTMLButtonElement>; expanded?: boolean; controls?: string } = {}) => (
    <button
      ref={extra.ref}
      type="button"
      aria-expanded={extra.expanded}
      aria-controls={extra.controls}
      className={`toolbar-button toolbar-${key}`}
      aria-pressed={pressed}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
    >
      {icon ? (
        <span className="toolbar-icon" aria-hidden="true">
          {icon}
        </span>
      ) : null}
      {t(`editor.${key}`)}
    </button>
  );

  return (
    <>
    <div className="editor-toolbar" role="toolbar" aria-label={t("editor.toolbar")} aria-controls={controls}>
      {btn("bold", bold, () => editor.dispatchCommand(FORMAT_TEXT_COMMAND, "bold"), null)}
      {btn("italic", italic, () => editor.dispatchCommand(FORMAT_TEXT_COMMAND, "italic"), null)}
      {btn("h2", block === "h2", () => setBlockType("h2"), null)}
      {btn("h3", block === "h3", () => setBlockType("h3"), null)}
      {btn("h4", block === "h4", () => setBlockType("h4"), null)}
      {btn("bullet", block === "bullet", () => setBlockType("bullet"), icons.bullet)}
      {btn("number", block === "number", () => setBlockType("number"), icons.number)}
      {btn("quote", block === "quote", () => setBlockType("quote"), icons.quote)}
      {btn("link", link, toggleLink, icons.link, { ref: linkButton, expanded: link ? undefined : linkPanel, controls: linkPanel ? panelId : undefined })}
    </div>
    {linkPanel ? (
      <div className="editor-link-panel" id={panelId} role="group" aria-label={t("editor.linkPanel")}>
        <label htmlFor={`${panelId}-url`}>{t("editor.linkPrompt")}</label>
        <input
          ref={linkInput}
          id={`${panelId}-url`}
          type="url"
          inputMode="url"
          value={linkUrl}
          onChange={(e) => setLinkUrl(e.target.value)}
          onKeyDown={onLinkKey}
          aria-invalid={linkError || undefined}
          aria-describedby={linkError ? `${panelId}-error` : undefined}
        />
        <button type="button" onClick={applyLink}>
          {t("editor.linkApply")}
        </button>
        <button type="button" className="link-button" onClick={() => closeLinkPanel("button")}>
          {t("editor.linkCancel")}
        </button>
        {linkError ? (
          <p id={`${panelId}-error`} className="field-error" role="alert">
            {t("editor.linkInvalid")}
          </p>
        ) : null}
      </div>
    ) : null}
    </>
  );
}

/** Writes the initial state into the hidden input too, so untouched content is posted. */
function InitialStatePlugin({ onState }: { onState: (s: string) => void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    onState(JSON.stringify(editor.getEditorState().toJSON()));
  }, [editor, onState]);
  return null;
}

export default function LexicalField({ name, fieldId, labelId, describedBy, invalid, required, defaultState, defaultText }: LexicalFieldProps) {
  const [state, setState] = useState(defaultState ?? "");
  const hidden = useRef<HTMLInputElement>(null);
  // Lexical handles typing itself (no native input events reach the form): tell the form that
  // it was edited, as a textarea would, so that form-level listeners (the unsaved-changes guard) see it.
  const onEdit = useCallback((s: EditorState) => {
    setState(JSON.stringify(s.toJSON()));
    hidden.current?.dispatchEvent(new Event("input", { bubbles: true }));
  }, []);
  const initialConfig = {
    namespace: `hub-${name}`,
    nodes: richTextNodes,
    editorState: initialState(defaultState, defaultText),
    onError: (e: Error) => console.error(e),
    theme: {
      text: { bold: "rt-bold", italic: "rt-italic" },
      quote: "rt-quote",
      link: "rt-link",
    },
  };
  // Keep an unused import alive for tree-shaking-sensitive bundlers (link nodes are created via commands).
  void $createLinkNode;
  return (
    <LexicalComposer initialConfig={initialConfig}>
      <div className="editor" data-editor-for={name}>
        <Toolbar controls={fieldId} />
        <RichTextPlugin
          contentEditable={
            <ContentEditable
              id={fieldId}
              className="editor-input rich-text"
              aria-labelledby={labelId}
              aria-describedby={describedBy}
              aria-invalid={invalid ? true : undefined}
              aria-required={required ? true : undefined}
              aria-multiline={true}
              role="textbox"
            />
          }
          ErrorBoundary={LexicalErrorBoundary}
        />
        <HistoryPlugin />
        <ListPlugin />
        <LinkPlugin validateUrl={validUrl} />
        <OnChangePlugin ignoreSelectionChange onChange={onEdit} />
        <InitialStatePlugin onState={setState} />
        <input ref={hidden} type="hidden" name={`${name}State`} value={state} />
      </div>
    </LexicalComposer>
  );
}
