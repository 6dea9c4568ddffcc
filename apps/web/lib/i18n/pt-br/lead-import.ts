import type { ImportField } from "@vendaflow/validators/crm";

// pt-BR strings of the CSV lead import page (upload → mapping → preview → progress).
export const leadImport = {
  nav: "Importar leads",
  title: "Importar leads",
  description: "Envie um CSV (até 10 MB e 100 colunas; UTF-8 ou o formato do Excel, separado por ; ou ,). A importação continua mesmo se você fechar esta aba.",
  file: "Arquivo CSV",
  upload: "Enviar arquivo",
  uploadFailed: "Não foi possível enviar o arquivo.",
  detected: (rows: number, encoding: string, separator: string) =>
    `${rows.toLocaleString("pt-BR")} ${rows === 1 ? "linha" : "linhas"} · codificação ${encoding === "windows-1252" ? "Windows-1252 (Excel)" : "UTF-8"} · separador ${separator === "\t" ? "tabulação" : `"${separator}"`}`,
  mappingTitle: "Colunas",
  mappingHint: "Sugerimos as colunas pelos nomes do cabeçalho. Confira antes de importar.",
  skip: "Não importar",
  fields: { name: "Nome", email: "E-mail", phone: "Telefone", company: "Empresa", tags: "Etiquetas", source_detail: "Origem / campanha" } satisfies Record<ImportField, string>,
  previewTitle: "Prévia (primeiras linhas)",
  start: "Importar",
  cancel: "Escolher outro arquivo",
  progressTitle: "Importando",
  progress: (done: number, total: number) => `${done.toLocaleString("pt-BR")} de ${total.toLocaleString("pt-BR")} linhas`,
  status: { draft: "Aguardando mapeamento", queued: "Na fila", running: "Importando", done: "Concluída", failed: "Falhou" } as Record<string, string>,
  inserted: "Importados",
  duplicates: "Duplicados (ignorados)",
  failed: "Linhas com erro",
  downloadErrors: "Baixar erros (CSV)",
  another: "Importar outro arquivo",
};
