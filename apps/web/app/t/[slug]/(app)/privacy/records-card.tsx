"use client";
import { useQuery } from "@tanstack/react-query";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import { privacy as privacyText } from "@/lib/i18n/pt-br/privacy";
import { useTRPC } from "@/lib/trpc/client";
import { HintCard } from "./hint-card";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { privacy: privacyText };

const r = t.privacy.records;

export function RecordsCard() {
  const trpc = useTRPC();
  const data = useQuery(trpc.privacy.records.queryOptions());
  return (
    <HintCard title={r.title} hint={r.hint} contentClassName="space-y-6">
        {!data.data ? <Skeleton className="h-32" /> : (
          <>
            {/* Prose cells wrap: unwrapped, the table scrolled sideways at desktop widths, a region the keyboard could not reach. */}
            <Table data-testid="processing-records">
              <TableHeader><TableRow><TableHead>{r.table}</TableHead><TableHead>{r.purpose}</TableHead><TableHead>{r.legalBasis}</TableHead><TableHead>{r.subjects}</TableHead><TableHead>{r.data}</TableHead><TableHead>{r.onRequest}</TableHead></TableRow></TableHeader>
              <TableBody>
                {data.data.records.map((x) => (
                  <TableRow key={x.table}>
                    <TableCell className="font-mono text-xs">{x.table}</TableCell>
                    <TableCell className="min-w-48 whitespace-normal">{x.purpose}</TableCell>
                    <TableCell className="min-w-36 whitespace-normal">{r.legalBases[x.legalBasis]}</TableCell>
                    <TableCell className="whitespace-normal">{x.subjects.join("; ")}</TableCell>
                    <TableCell className="min-w-48 text-xs whitespace-normal">{x.data.join(", ")}</TableCell>
                    <TableCell className="min-w-40 whitespace-normal">{x.onRequest}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <div className="space-y-2">
              <h3 className="text-sm font-semibold">{r.subProcessors}</h3>
              <Table data-testid="sub-processors">
                <TableHeader><TableRow><TableHead>{r.subProcessors}</TableHead><TableHead>{r.service}</TableHead><TableHead>{r.country}</TableHead><TableHead>{r.transfer}</TableHead></TableRow></TableHeader>
                <TableBody>
                  {data.data.subProcessors.map((s) => (
                    <TableRow key={s.name}><TableCell>{s.name}</TableCell><TableCell className="whitespace-normal">{s.service}</TableCell><TableCell>{s.country}</TableCell><TableCell className="min-w-48 whitespace-normal">{s.transfer}</TableCell></TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          </>
        )}
    </HintCard>
  );
}
