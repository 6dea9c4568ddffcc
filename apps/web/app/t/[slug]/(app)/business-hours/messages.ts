import { t } from "../../../../../lib/i18n";

/** Strings live in the pt-BR catalog (lib/i18n); this alias keeps call sites short. */
export const bm = t.businessHours;

export const ZONES: { brazil: { id: string; label: string }[]; other: { id: string; label: string }[] } = {
  brazil: [
    { id: "America/Sao_Paulo", label: "Brasília (SP, RJ, MG, Sul, GO, DF…)" },
    { id: "America/Bahia", label: "Bahia" },
    { id: "America/Fortaleza", label: "Fortaleza (CE, RN, PB, PI, MA)" },
    { id: "America/Recife", label: "Recife (PE)" },
    { id: "America/Maceio", label: "Maceió (AL, SE)" },
    { id: "America/Belem", label: "Belém (PA, AP)" },
    { id: "America/Santarem", label: "Santarém (oeste do PA)" },
    { id: "America/Araguaina", label: "Araguaína (TO)" },
    { id: "America/Manaus", label: "Manaus (AM)" },
    { id: "America/Cuiaba", label: "Cuiabá (MT)" },
    { id: "America/Campo_Grande", label: "Campo Grande (MS)" },
    { id: "America/Porto_Velho", label: "Porto Velho (RO)" },
    { id: "America/Boa_Vista", label: "Boa Vista (RR)" },
    { id: "America/Rio_Branco", label: "Rio Branco (AC)" },
    { id: "America/Eirunepe", label: "Eirunepé (oeste do AM)" },
    { id: "America/Noronha", label: "Fernando de Noronha" },
  ],
  other: [
    { id: "UTC", label: "UTC" },
    { id: "America/Argentina/Buenos_Aires", label: "Buenos Aires" },
    { id: "America/Montevideo", label: "Montevidéu" },
    { id: "America/Asuncion", label: "Assunção" },
    { id: "America/Santiago", label: "Santiago" },
    { id: "America/Lima", label: "Lima" },
    { id: "America/Bogota", label: "Bogotá" },
    { id: "America/Mexico_City", label: "Cidade do México" },
    { id: "America/New_York", label: "Nova York" },
    { id: "America/Chicago", label: "Chicago" },
    { id: "America/Denver", label: "Denver" },
    { id: "America/Los_Angeles", label: "Los Angeles" },
    { id: "Europe/Lisbon", label: "Lisboa" },
    { id: "Europe/London", label: "Londres" },
    { id: "Europe/Madrid", label: "Madri" },
    { id: "Europe/Paris", label: "Paris" },
    { id: "Europe/Berlin", label: "Berlim" },
    { id: "Africa/Luanda", label: "Luanda" },
    { id: "Africa/Maputo", label: "Maputo" },
    { id: "Asia/Tokyo", label: "Tóquio" },
  ],
};
