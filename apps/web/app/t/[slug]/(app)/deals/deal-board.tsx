"use client";
import { DndContext, KeyboardSensor, PointerSensor, closestCorners, useDraggable, useDroppable, useSensor, useSensors, type Announcements, type DragEndEvent } from "@dnd-kit/core";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Input } from "@vendaflow/ui/input";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { cn } from "@vendaflow/ui/cn";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { useToast } from "@vendaflow/ui/toast";
import { CalendarClock, CalendarX, GripVertical } from "lucide-react";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { DialogLoading, onDemand } from "@/components/loading";
import { useAddressFilters, useFiltersInAddress } from "@/components/crm/use-address-filters";
import { BOARD_PARAMS, type Filters } from "@/lib/crm/list-params";
import { moveOnBoard, type BoardColumn, type BoardDeal, type PipelineView } from "@/lib/crm/board";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { dealBoard as dealBoardText } from "@/lib/i18n/pt-br/deal-board";
import { brl } from "@/lib/money";
import { useTRPC, useTRPCClient } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { undoToast } from "@/components/undo-toast";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, crm: crmText, dealBoard: dealBoardText };

// Loads when a deal is dropped on a "lost" stage.
const LoseDialog = onDemand(() => import("./lose-dialog").then((m) => m.LoseDialog), DialogLoading);

/**
 * The pipeline as a kanban. Dropping a card (mouse, touch, or keyboard: space to lift, arrows,
 * space to drop) moves it at once on screen and asks the server; if the server refuses (someone
 * moved it meanwhile, no permission) the board rolls back and a toast says why, else the toast
 * offers to undo the move. A drop on the lost column asks for the reason first.
 */
export function DealBoard({ pipeline, canWrite }: { pipeline: PipelineView; canWrite: boolean }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  const toast = useToast();
  // The owner and the search live in the address (lib/crm/list-params.ts), as the lists' filters.
  const [filters, setFilters] = useState<Filters>(useAddressFilters(BOARD_PARAMS));
  useFiltersInAddress(filters, BOARD_PARAMS);
  const setFilter = (k: string, v: string) => setFilters((f) => ({ ...f, [k]: v }));
  const search = useDeferredValue(filters.q?.trim() ?? "");
  const agents = useQuery(trpc.routing.agents.queryOptions());
  const input = { pipelineId: pipeline.id, ownerId: filters.owner || undefined, q: search || undefined };
  const base = trpc.crm.deals.board.queryOptions(input);
  const boardOptions = {
    ...base,
    // A refetch (after every move) brings each column's first page; a column that had more cards
    // loaded ("Carregar mais") gets as many again, so the cards the user was looking at stay.
    queryFn: async () => {
      const before = qc.getQueryData(base.queryKey);
      const fresh = await client.crm.deals.board.query(input);
      return Promise.all(
        fresh.map(async (column) => {
          const shown = before?.find((c) => c.id === column.id)?.deals.length ?? 0;
          let c = column;
          while (c.nextCursor && c.deals.length < shown) {
            const page = await client.crm.deals.boardPage.query({ ...input, stageId: c.id, cursor: c.nextCursor });
            c = { ...c, deals: [...c.deals, ...page.items], nextCursor: page.nextCursor };
          }
          return c;
        }),
      );
    },
    placeholderData: keepPreviousData,
  };
  const board = useQuery(boardOptions);
  const [loadingMore, setLoadingMore] = useState<string | null>(null);

  /** The column's next page, under the board's filter, appended to what it shows. */
  const loadMore = async (column: BoardColumn) => {
    if (!column.nextCursor) return;
    setLoadingMore(column.id);
    try {
      const page = await client.crm.deals.boardPage.query({ ...input, stageId: column.id, cursor: column.nextCursor });
      qc.setQueryData(base.queryKey, (cols) =>
        cols?.map((c) => (c.id === column.id ? { ...c, deals: [...c.deals, ...page.items.filter((d) => !c.deals.some((x) => x.id === d.id))], nextCursor: page.nextCursor } : c)),
      );
    } catch (err) {
      toast.error(t.dealBoard.loadMoreFailed, errorMessage(err));
    } finally {
      setLoadingMore(null);
    }
  };
  const move = useMutation(trpc.crm.deals.move.mutationOptions());
  const win = useMutation(trpc.crm.deals.win.mutationOptions());
  const [losing, setLosing] = useState<BoardDeal | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor));
  const stageName = (id: string | number | undefined) => board.data?.find((c) => c.id === id)?.name ?? "";
  const dealTitle = (id: string | number) => board.data?.flatMap((c) => c.deals).find((d) => d.id === id)?.title ?? "";

  const refresh = () => qc.invalidateQueries({ queryKey: trpc.crm.deals.pathKey() });

  /**
   * The move's toast offers "Desfazer" for a while: a drop on the wrong column (or "Ganho" picked by
   * mistake) goes back to the stage the deal left. A deal that left "Perdido" has none: losing it
   * again asks for the reason, so the lost column's dialog is the way back.
   */
  const offerUndo = (deal: BoardDeal, nowStageId: string, message: string) => {
    const from = board.data?.find((c) => c.id === deal.stage_id);
    if (!from || from.kind === "lost") {
      toast.success(message);
      return;
    }
    undoToast(toast, message, "undo-move", async () => {
      // Back on screen at once, as the move itself was: the card is where the next click expects it
      // (a refetch still bringing the moved board must not land over it).
      await qc.cancelQueries({ queryKey: boardOptions.queryKey });
      const current = qc.getQueryData(boardOptions.queryKey);
      if (current) qc.setQueryData(boardOptions.queryKey, moveOnBoard(current, deal.id, from.id));
      try {
        if (from.kind === "won") await win.mutateAsync({ id: deal.id });
        else await move.mutateAsync({ id: deal.id, stageId: from.id, fromStageId: nowStageId });
        toast.success(t.crm.deals.movedBack(from.name));
      } catch (err) {
        if (current) qc.setQueryData(boardOptions.queryKey, current);
        toast.error(t.crm.deals.moveFailed, errorMessage(err));
      } finally {
        void refresh();
      }
    });
  };

  const moveTo = async (deal: BoardDeal, toStageId: string) => {
    const before = qc.getQueryData(boardOptions.queryKey);
    const to = before?.find((c) => c.id === toStageId);
    if (!before || !to || deal.stage_id === toStageId) return;
    if (to.kind === "lost") {
      setLosing(deal);
      return;
    }
    qc.setQueryData(boardOptions.queryKey, moveOnBoard(before, deal.id, toStageId));
    try {
      if (to.kind === "won") await win.mutateAsync({ id: deal.id });
      else await move.mutateAsync({ id: deal.id, stageId: toStageId, fromStageId: deal.stage_id });
      offerUndo(deal, toStageId, t.crm.deals.moved(to.name));
    } catch (err) {
      qc.setQueryData(boardOptions.queryKey, before);
      toast.error(t.crm.deals.moveFailed, errorMessage(err));
    } finally {
      void refresh();
    }
  };

  const onDragEnd = (e: DragEndEvent) => {
    const deal = board.data?.flatMap((c) => c.deals).find((d) => d.id === e.active.id);
    if (deal && e.over) void moveTo(deal, String(e.over.id));
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) => `Negócio ${dealTitle(active.id)} selecionado.`,
    onDragOver: ({ active, over }) => (over ? `${dealTitle(active.id)} sobre a etapa ${stageName(over.id)}.` : `${dealTitle(active.id)} fora das etapas.`),
    onDragEnd: ({ active, over }) => (over ? `${dealTitle(active.id)} solto na etapa ${stageName(over.id)}.` : `${dealTitle(active.id)} solto fora das etapas.`),
    onDragCancel: ({ active }) => `Movimento de ${dealTitle(active.id)} cancelado.`,
  };

  const filtered = Boolean(filters.owner || filters.q?.trim());
  const toolbar = (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-center" data-testid="board-filters">
      <Input type="search" aria-label={t.dealBoard.search} placeholder={t.crm.deals.searchPlaceholder} value={filters.q ?? ""} onChange={(e) => setFilter("q", e.target.value)} className="sm:max-w-sm" />
      <Select aria-label={t.crm.owner} value={filters.owner ?? ""} onChange={(e) => setFilter("owner", e.target.value)} wrapperClassName="sm:w-56">
        <SelectOption value="">{t.dealBoard.allOwners}</SelectOption>
        {(agents.data ?? []).map((a) => <SelectOption key={a.id} value={a.id}>{a.name || a.email}</SelectOption>)}
      </Select>
      {filtered ? <Button variant="ghost" size="sm" onClick={() => setFilters({})}>{t.dealBoard.clearFilters}</Button> : null}
    </div>
  );

  if (board.isLoading) return <>{toolbar}<Skeleton className="h-96" aria-busy="true" aria-label={t.common.loading} /></>;
  if (board.error || !board.data) {
    return <>{toolbar}<Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => board.refetch()}>{t.common.retry}</Button></AlertDescription></Alert></>;
  }

  return (
    <>
      {toolbar}
      {canWrite ? <p className="text-xs text-muted-foreground">{t.crm.deals.dragHint}</p> : null}
      <DndContext
        sensors={sensors}
        collisionDetection={closestCorners}
        onDragEnd={onDragEnd}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t.crm.deals.dragHint } }}
      >
        <div className="flex gap-3 overflow-x-auto pb-4" data-testid="deal-board">
          {board.data.map((column) => (
            <Column key={column.id} column={column} stages={board.data} canWrite={canWrite} onMove={moveTo} onLoadMore={() => void loadMore(column)} loadingMore={loadingMore === column.id} />
          ))}
        </div>
      </DndContext>
      {losing ? (
        <LoseDialog
          deal={losing}
          onOpenChange={(open) => !open && setLosing(null)}
          onDone={(lostStageId) => {
            offerUndo(losing, lostStageId, t.crm.deals.lost);
            void refresh();
          }}
        />
      ) : null}
    </>
  );
}

function Column({ column, stages, canWrite, onMove, onLoadMore, loadingMore }: { column: BoardColumn; stages: BoardColumn[]; canWrite: boolean; onMove: (deal: BoardDeal, toStageId: string) => void; onLoadMore: () => void; loadingMore: boolean }) {
  const { setNodeRef, isOver } = useDroppable({ id: column.id, disabled: !canWrite });
  return (
    <section
      ref={setNodeRef}
      aria-label={column.name}
      data-testid="board-column"
      data-stage={column.name}
      className={cn("flex w-72 shrink-0 flex-col gap-2 rounded-xl border bg-muted/40 p-2 transition-colors", isOver && "border-primary bg-primary/5")}
    >
      <header className="px-1">
        <div className="flex items-center justify-between gap-2">
          <h2 className="text-sm font-semibold">{column.name}</h2>
          <span className="text-xs text-muted-foreground">{t.crm.deals.probability(column.probability)}</span>
        </div>
        <p className="text-xs text-muted-foreground tabular-nums" data-testid="stage-total">{t.crm.deals.stageTotal(column.count, brl(column.totalCents))}</p>
      </header>
      <ul className="flex min-h-24 flex-col gap-2">
        {column.deals.map((deal) => <Card key={deal.id} deal={deal} stages={stages} canWrite={canWrite} onMove={onMove} />)}
      </ul>
      {column.deals.length === 0 ? <p className="px-1 text-xs text-muted-foreground">{t.crm.deals.emptyStage}</p> : null}
      {column.nextCursor ? (
        <Button variant="outline" size="sm" onClick={onLoadMore} loading={loadingMore} data-testid="board-load-more">
          {t.dealBoard.loadMore(Math.max(column.count - column.deals.length, 1))}
        </Button>
      ) : null}
    </section>
  );
}

const shortWhen = new Intl.DateTimeFormat("pt-BR", { timeZone: "America/Sao_Paulo", day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit" });

/** An open deal's next piece of work, late in red; none scheduled says so (a deal nobody is working on). */
function NextActivity({ at }: { at: Date | string | null }) {
  if (!at) return <p className="flex items-center gap-1 text-xs text-muted-foreground" data-testid="deal-next-activity" data-state="none"><CalendarX className="size-3.5" aria-hidden="true" />{t.dealBoard.noActivity}</p>;
  const due = new Date(at);
  const late = due.getTime() < Date.now();
  return (
    <p className={cn("flex items-center gap-1 text-xs", late ? "font-medium text-destructive" : "text-muted-foreground")} data-testid="deal-next-activity" data-state={late ? "overdue" : "scheduled"}>
      <CalendarClock className="size-3.5" aria-hidden="true" />
      {(late ? t.dealBoard.activityOverdue : t.dealBoard.nextActivity)(shortWhen.format(due))}
    </p>
  );
}

function Card({ deal, stages, canWrite, onMove }: { deal: BoardDeal; stages: BoardColumn[]; canWrite: boolean; onMove: (deal: BoardDeal, toStageId: string) => void }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, isDragging } = useDraggable({ id: deal.id, disabled: !canWrite });
  const style = transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : undefined;
  // The card stays a list item holding its link and select; the keyboard lifts it by its handle, a
  // button of its own (a focusable card with controls inside would nest interactive elements). The
  // pointer still drags it from anywhere: the sensor takes the keys only from the handle.
  return (
    <li
      ref={setNodeRef}
      style={style}
      {...listeners}
      data-testid="deal-card"
      data-title={deal.title}
      className={cn("space-y-1 rounded-lg border bg-card p-3 text-sm shadow-xs", canWrite && "cursor-grab", isDragging && "z-10 opacity-80 shadow-lg")}
    >
      <div className="flex items-start justify-between gap-2">
        <Link href={`/deals/${deal.id}`} className="font-medium hover:underline" onPointerDown={(e) => e.stopPropagation()}>{deal.title}</Link>
        {canWrite ? (
          <button
            ref={setActivatorNodeRef}
            type="button"
            {...attributes}
            aria-label={t.crm.deals.dragHandle(deal.title)}
            title={t.crm.deals.dragHandle(deal.title)}
            data-testid="deal-drag-handle"
            className="-mt-1 -mr-1 inline-flex size-7 shrink-0 cursor-grab items-center justify-center rounded-md text-muted-foreground outline-none hover:bg-accent hover:text-accent-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
          >
            <GripVertical aria-hidden="true" className="size-4" />
          </button>
        ) : null}
      </div>
      <p className="font-semibold tabular-nums">{brl(deal.value_cents)}</p>
      {deal.company_name ? <p className="truncate text-xs text-muted-foreground">{deal.company_name}</p> : null}
      {deal.owner_name ? <p className="truncate text-xs text-muted-foreground">{deal.owner_name}</p> : null}
      {deal.status === "open" ? <NextActivity at={deal.next_activity_at} /> : null}
      {canWrite ? (
        <select
          aria-label={t.crm.deals.moveDeal(deal.title)}
          className="mt-1 w-full rounded-md border bg-background px-2 py-1 text-xs"
          value=""
          onPointerDown={(e) => e.stopPropagation()}
          onKeyDown={(e) => e.stopPropagation()}
          onChange={(e) => e.target.value && onMove(deal, e.target.value)}
        >
          <option value="">{t.crm.deals.moveTo}</option>
          {stages.filter((s) => s.id !== deal.stage_id).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      ) : null}
    </li>
  );
}
