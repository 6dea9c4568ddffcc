// Commands a lead may give at any step, inside longer messages. Phrases use phrase.ts syntax
// ("~" up to three words, "=" whole message). Opt-out is checked first and wins over everything.
const NOUNS = ["humano", "humana", "atendente", "pessoa", "alguem", "vendedor", "vendedora", "consultor", "consultora", "especialista", "gente", "representante", "operador", "operadora", "suporte"];
const VERBS = ["mandar", "enviar", "encher", "ligar", "incomodar", "perturbar", "chamar", "mensagem"];

export const OPT_OUT_PHRASES = [
  ...VERBS.map((v) => `para de ~ ${v}`),
  "nao quero ~ receber", "nao desejo ~ receber", "nao gostaria de ~ receber", "nao quero mais contato", "nao quero contato",
  "nao quero mais mensagem", "=nao quero mais", "nao me mande mais", "nao me envie mais", "nao me procure mais",
  "nao me procurem", "nao me ligue mais", "nao me liguem", "nao me chame mais", "nao me mande ~ mensagem",
  "me tira ~ lista", "tirar ~ lista", "me remove ~ lista", "remova ~ lista", "me exclui ~ lista", "exclua ~ lista",
  "sair ~ lista", "me tira daqui", "remove meu numero", "remova meu numero", "apaga meu numero", "exclui meu numero",
  "tira meu numero", "apague meus dados", "me descadastra", "descadastrar", "descadastre", "cancelar ~ inscricao",
  "unsubscribe", "chega de mensagem", "me deixa em paz", "para com isso", "nao me incomode", "nao me incomodem",
  "isso e spam", "=spam", "sai fora", "nao pedi nada", "nao pedi ~ mensagem", "nao solicitei", "nao me cadastrei",
  "quem te deu meu numero", "quem passou meu numero", "onde ~ conseguiu meu numero", "onde ~ pegou meu numero", "nao autorizei", "nao autorizo", "vou bloquear", "vou denunciar", "=cancela tudo",
  "=nao tenho interesse", "=nao tenho mais interesse", "=sem interesse", "=sem interesse obrigado", "=nao tenho interesse obrigado",
  "=obrigado nao tenho interesse", "=nao me interessa",
];

export const HUMAN_PHRASES = [
  ...NOUNS.flatMap((n) => [`falar com ~ ${n}`, `conversar com ~ ${n}`, `ser atendido por ~ ${n}`, `me passa para ~ ${n}`, `transfere para ~ ${n}`, `transferir para ~ ${n}`, `chama ~ ${n}`, `chamar ~ ${n}`, `prefiro ~ ${n}`, `contato com ~ ${n}`, `cade ~ ${n}`]),
  "atendimento humano", "atendente humano", "pessoa de verdade", "alguem de verdade", "pessoa real", "ser humano",
  "algum humano", "gente de verdade", "nao quero falar com ~ robo", "nao quero falar com ~ bot", "chega de robo",
  "voce e ~ robo", "voce e ~ bot", "e um robo", "e robo", "isso e um robo", "me liga", "me ligue", "me ligar", "liga para mim",
  "me transfere", "tem alguem ai", "=tem alguem", "alguem ai", "alguem pode me atender", "=sou cliente", "ja sou cliente",
];

export const RESTART_PHRASES = [
  "recomecar", "reiniciar", "comecar ~ de novo", "comecar do zero", "comecar do inicio", "=vamos do zero", "=do zero",
  "voltar ao inicio", "voltar para o inicio",
];

export const HELP_PHRASES = [
  "nao entendi", "nao entendo", "como assim", "explica melhor", "pode explicar", "o que voce quer dizer", "o que significa",
  "que pergunta e essa", "nao sei o que responder", "porque voce quer saber", "para que voce quer saber",
];

/** Signs of lost patience (besides "!!!" and shouting in capitals). */
export const FRUSTRATION_PHRASES = [
  "porra", "caralho", "merda", "idiota", "imbecil", "burro", "burra", "inutil", "lixo", "droga", "que saco", "pqp",
  "puta que pariu", "vsf", "fdp", "otario", "ridiculo", "palhacada", "bosta", "cacete", "aff", "affs", "af", "afe", "argh",
  "ja respondi", "ja falei", "ja disse", "ja mandei", "ja te falei", "ja te disse", "de novo", "outra vez", "que chato",
  "que chata", "chatice", "que demora", "nao entende nada", "voce nao entende", "nao aguento", "que raiva", "perda de tempo",
];
