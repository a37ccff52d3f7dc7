#!/usr/bin/env python3
"""Generate a documentation repository of many small pages, for Baton's scale benchmark.

Usage:
    python3 Benchmarks/generate_docs.py OUT_DIR [--pages 40000] [--commits 25000] [--seed 1]

Creates a new git repository at OUT_DIR (which must not exist or be empty) shaped like a
community-written command reference translated into many languages: about 40 language folders
at the top (`pages/` in English, `pages.de/`, `pages.zh/`, ...), each holding platform folders
(`common/`, `linux/`, `osx/`, `windows/`, ...) of small Markdown pages without front matter,
`tar.md`, `git-commit.md`: a title, a quoted description with a link, and a list of examples,
each a sentence and a command in a code span with `{{placeholders}}`. Pages run from a few
hundred bytes to a few kilobytes. The English folder is the largest; the others translate a
part of it, the biggest translations first. A baton.yml at the top makes the whole
repository one handbook (every folder a section, every page a handbook page).

The history has exactly --commits commits, written in one stream through `git fast-import`,
then repacked: most commits add one page or a few translations, or edit one to three pages;
a few move a page between platform folders in every language, delete one, or touch hundreds
of pages at once (a wording change across a language); about one change in twelve comes as a
pull request (a topic commit and a merge commit). Authors follow a long tail, as in a
community project. Output depends only on the arguments: the same seed gives the same
repository, commit ids included. Only the Python 3 standard library and git are used.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time

START = 1386489600  # 2013-12-08 UTC
SPAN = 13 * 365 * 86400

LANGUAGES = ["zh", "es", "ko", "pt_BR", "fr", "de", "it", "ru", "ja", "id", "nl", "tr", "pl",
             "uk", "ta", "fa", "zh_TW", "hi", "ar", "sv", "cs", "ne", "pt_PT", "da", "no",
             "th", "ml", "bn", "ro", "fi", "uz", "ca", "el", "he", "hu", "sr", "bs", "lo", "sh"]

PLATFORMS = [("common", 55), ("linux", 28), ("osx", 6), ("windows", 6), ("android", 2),
             ("sunos", 1), ("freebsd", 1), ("openbsd", 1), ("netbsd", 1), ("cisco-ios", 1)]

ENGLISH = """
list show print display create remove delete copy move rename find search replace compress
extract archive start stop restart enable disable install uninstall update upgrade download
upload send receive connect disconnect open close read write edit view check verify test run
execute build compile format convert sort filter count split join merge compare watch follow
the a an of to in on for with from into and or by all each every given specified current new
existing recursive verbose quiet interactive file files directory directories folder path
archive package packages process processes service user users group permissions network port
host address key keys certificate repository branch commit tag remote image container volume
configuration settings output input contents size line lines pattern text string number date
time log logs device disk partition memory system kernel module environment variable shell
""".split()

SCRIPTS = {
  "latin": """fichier répertoire afficher créer supprimer commande sortie entrée contenu taille
    modifier pour avec et ou le la les un une tous ligne utilisateur processus réseau clé chemin
    liste démarrer arrêter Datei Verzeichnis anzeigen löschen Größe Benutzer über für Schlüssel
    Ausgabe archivo directorio mostrar crear eliminar comando salida tamaño además también según
    elenco cartella aggiungere usuário arquivo mostrar diretório plik katalog wyświetl utwórz
    usuń dosya dizin göster oluştur sil bestand map toon maak verwijder fil mappe vis lag slett
    tiedosto hakemisto näytä luo poista fájl könyvtár mutat létrehoz töröl""".split(),
  "cyrillic": """файл каталог показать создать удалить команда вывод ввод содержимое размер
    изменить для с и или все строка пользователь процесс сеть ключ путь архив список запустить
    остановить вказаний файли показати створити видалити датотека директоријум приказати""".split(),
  "han": """文件 目录 显示 创建 删除 命令 输出 输入 内容 大小 修改 用户 进程 网络 密钥 路径 归档
    列表 启动 停止 指定 的 和 或 所有 檔案 目錄 顯示 建立 刪除 ファイル ディレクトリ 表示 作成
    削除 コマンド 出力 入力 内容 指定 する""".split(),
  "hangul": """파일 디렉토리 표시 생성 삭제 명령 출력 입력 내용 크기 수정 사용자 프로세스 네트워크
    키 경로 아카이브 목록 시작 중지 지정된 모든 및 또는""".split(),
  "arabic": """ملف مجلد عرض إنشاء حذف أمر إخراج إدخال محتوى حجم تعديل مستخدم عملية شبكة مفتاح
    مسار أرشيف قائمة تشغيل إيقاف فایل پوشه نمایش ایجاد حذف""".split(),
  "indic": """फ़ाइल निर्देशिका दिखाएं बनाएं हटाएं कमांड आउटपुट इनपुट सामग्री आकार बदलें उपयोगकर्ता
    प्रक्रिया नेटवर्क कुंजी पथ सूची शुरू बंद ফাইল ডিরেক্টরি দেখান তৈরি মুছুন கோப்பு அடைவு
    காட்டு உருவாக்கு நீக்கு ഫയൽ ഡയറക്ടറി കാണിക്കുക""".split(),
  "thai": """ไฟล์ ไดเรกทอรี แสดง สร้าง ลบ คำสั่ง ผลลัพธ์ ข้อมูล ขนาด แก้ไข ผู้ใช้ กระบวนการ
    เครือข่าย ໄຟລ໌ ສະແດງ ສ້າງ ລຶບ""".split(),
  "greek": """αρχείο κατάλογος εμφάνιση δημιουργία διαγραφή εντολή έξοδος είσοδος περιεχόμενο
    μέγεθος αλλαγή χρήστης διεργασία δίκτυο κλειδί διαδρομή λίστα""".split(),
  "hebrew": """קובץ תיקייה הצג צור מחק פקודה פלט קלט תוכן גודל שנה משתמש תהליך רשת מפתח נתיב
    רשימה""".split(),
}
SCRIPT_OF = {"zh": "han", "zh_TW": "han", "ja": "han", "ko": "hangul", "ru": "cyrillic",
             "uk": "cyrillic", "sr": "cyrillic", "ar": "arabic", "fa": "arabic", "hi": "indic",
             "ne": "indic", "bn": "indic", "ta": "indic", "ml": "indic", "th": "thai",
             "lo": "thai", "el": "greek", "he": "hebrew"}
MORE = {"en": "More information", "de": "Weitere Informationen", "fr": "Plus d'informations",
        "es": "Más información", "zh": "更多信息", "ko": "더 많은 정보", "ru": "Больше информации",
        "ja": "詳しくはこちら"}

SYLLABLES = """ar ba be bo ca ch co cu da de di do ex fa fi fo ga ge gi go gr ha he hi ho
in ja ka ke ki ko la le li lo lu ma me mi mo mu na ne ni no nu op pa pe pi po pu qu ra re ri
ro ru sa se si so st su ta te ti to tu un va ve vi vo wa we wi xa xe yo za ze zi zo""".split()
FLAGS = ["-r", "-f", "-v", "-a", "-l", "-n", "-x", "-z", "--all", "--force", "--verbose",
         "--recursive", "--output", "--dry-run", "--quiet", "--list", "--help", "--version"]
ARGS = ["path/to/file", "path/to/directory", "path/to/file1 path/to/file2 ...", "url",
        "name", "username", "hostname", "port", "pattern", "search_string", "package",
        "branch_name", "image:tag", "container_id", "number", "path/to/output.tar.gz",
        "path/to/config.yml", "key=value", "1..10", "remote_name"]


def blob(data: bytes) -> bytes:
  return b"data %d\n%s" % (len(data), data)


class Page:
  """One page's current content: a description and a list of (sentence, command) examples."""

  __slots__ = ("lang", "platform", "name", "description", "examples", "more")

  def __init__(self, lang: str, platform: str, name: str) -> None:
    self.lang, self.platform, self.name = lang, platform, name
    self.description: list[str] = []
    self.examples: list[tuple[str, str]] = []
    self.more = MORE.get(lang, MORE["en"])

  @property
  def path(self) -> str:
    folder = "pages" if self.lang == "en" else f"pages.{self.lang}"
    return f"{folder}/{self.platform}/{self.name}.md"

  def render(self) -> bytes:
    out = [f"# {self.name}", ""]
    out += [f"> {line}" for line in self.description]
    out += [f"> {self.more}: <https://manned.example/{self.name}>.", ""]
    for sentence, command in self.examples:
      out += [f"- {sentence}:", "", f"`{command}`", ""]
    return "\n".join(out).encode()


class Writer:
  """Words in a page's language, and commands for its examples."""

  def __init__(self, rng: random.Random) -> None:
    self.rng = rng

  def words(self, lang: str, lo: int, hi: int) -> str:
    rng = self.rng
    script = SCRIPT_OF.get(lang, "latin" if lang != "en" else "en")
    pool = ENGLISH if script == "en" else SCRIPTS[script]
    # Translations keep some English terms, as real ones do.
    picked = [rng.choice(ENGLISH if rng.random() < 0.15 else pool)
              for _ in range(rng.randint(lo, hi))]
    text = ("" if script == "han" else " ").join(picked)
    return text[0].upper() + text[1:]

  def command(self, name: str) -> str:
    rng = self.rng
    parts = [name.replace("-", " ", 1) if rng.random() < 0.3 else name]
    for _ in range(rng.randint(0, 3)):
      parts.append(rng.choice(FLAGS))
      if rng.random() < 0.5:
        parts.append("{{" + rng.choice(ARGS) + "}}")
    if rng.random() < 0.6:
      parts.append("{{" + rng.choice(ARGS) + "}}")
    return " ".join(parts)

  def example(self, page: Page) -> tuple[str, str]:
    return self.words(page.lang, 3, 12), self.command(page.name)

  def fill(self, page: Page) -> None:
    rng = self.rng
    page.description = [self.words(page.lang, 4, 16) + "."
                        for _ in range(rng.choice([1, 1, 1, 2, 2, 3]))]
    count = rng.randint(3, 8) if rng.random() < 0.93 else rng.randint(12, 40)
    page.examples = [self.example(page) for _ in range(count)]

  def edit(self, page: Page) -> None:
    rng = self.rng
    r = rng.random()
    if r < 0.35 and page.examples:
      i = rng.randrange(len(page.examples))
      page.examples[i] = (page.examples[i][0], self.command(page.name))
    elif r < 0.6 and page.examples:
      i = rng.randrange(len(page.examples))
      page.examples[i] = (self.words(page.lang, 3, 12), page.examples[i][1])
    elif r < 0.8:
      page.examples.insert(rng.randrange(len(page.examples) + 1), self.example(page))
    elif r < 0.9 and len(page.examples) > 2:
      del page.examples[rng.randrange(len(page.examples))]
    else:
      page.description[0] = self.words(page.lang, 4, 16) + "."


def command_names(rng: random.Random, count: int) -> list[str]:
  """Unique command names: single words and tool-subcommand pairs (`git-commit`)."""
  names: list[str] = []
  seen: set[str] = set()
  tools: list[str] = []
  while len(names) < count:
    if tools and rng.random() < 0.3:
      name = rng.choice(tools) + "-" + "".join(rng.choices(SYLLABLES, k=rng.randint(1, 3)))
    else:
      name = "".join(rng.choices(SYLLABLES, k=rng.randint(1, 3)))
      if rng.random() < 0.05:
        tools.append(name)
    if name not in seen:
      seen.add(name)
      names.append(name)
  return names


def language_sizes(pages: int) -> dict[str, int]:
  """Pages per language at HEAD: English the most, translations a long tail."""
  english = round(pages * 0.16)
  weights = [1 / (i + 1) ** 0.75 for i in range(len(LANGUAGES))]
  scale = (pages - english) / sum(weights)
  sizes = {"en": english}
  for lang, w in zip(LANGUAGES, weights):
    sizes[lang] = min(english, max(20, round(w * scale)))
  sizes["en"] += pages - sum(sizes.values())
  return sizes


class History:
  """The repository as commits are written: pages by path and the fast-import stream."""

  def __init__(self, rng: random.Random, pages: int, commits: int) -> None:
    self.rng = rng
    self.writer = Writer(rng)
    self.sizes = language_sizes(pages)
    english = command_names(rng, self.sizes["en"] + 200)
    platforms = [p for p, _ in PLATFORMS]
    weights = [w for _, w in PLATFORMS]
    self.platform = {n: rng.choices(platforms, weights)[0] for n in english}
    self.batches = self.plan(english, commits)
    self.spare = english[self.sizes["en"]:]  # pages added, then deleted as duplicates
    self.pending_delete: list[Page] = []
    self.pages: dict[str, Page] = {}
    self.by_name: dict[str, list[Page]] = {}
    self.live: list[Page] = []
    self.mark = 0
    self.out: list[bytes] = []
    self.people = [(f"Contributor {i:04d}", f"contributor{i:04d}@pages.example")
                   for i in range(1500)]

  def plan(self, english: list[str], commits: int) -> list[list[tuple[str, str]]]:
    """The pages to add, in commits of one language each: one page, or a translator's batch.
    Popped from the end; English batches come mostly before translations."""
    rng = self.rng
    total = sum(self.sizes.values())
    mean = max(1.0, total / (commits * 0.42))
    spread = max(2, round(2 * mean - 1))
    keyed = []
    for lang, size in self.sizes.items():
      names = english[:size] if lang == "en" else rng.sample(english[: size * 2], size)
      while names:
        take = 1 if rng.random() < 0.5 or lang == "en" and rng.random() < 0.4 \
          else rng.randint(2, 2 * spread - 2)
        batch, names = names[:take], names[take:]
        keyed.append((rng.random() + (0.0 if lang == "en" else 0.35), [(lang, n) for n in batch]))
    keyed.sort(key=lambda item: -item[0])
    return [batch for _, batch in keyed]

  def next_mark(self) -> int:
    self.mark += 1
    return self.mark

  def add(self, lang: str, name: str) -> Page:
    page = Page(lang, self.platform[name], name)
    self.writer.fill(page)
    self.pages[page.path] = page
    self.by_name.setdefault(name, []).append(page)
    self.live.append(page)
    return page

  def remove(self, page: Page) -> None:
    del self.pages[page.path]
    self.by_name[page.name].remove(page)
    self.live.remove(page)

  def author(self) -> tuple[str, str]:
    i = min(len(self.people) - 1, int(self.rng.paretovariate(0.9)) - 1)
    return self.people[i]


def mass_edit(h: History) -> tuple[str, list]:
  """A wording change across many pages of one language."""
  rng = h.rng
  lang = rng.choice(["en"] + LANGUAGES)
  pages = [p for p in h.live if p.lang == lang]
  pages = rng.sample(pages, min(len(pages), rng.randint(100, 1500)))
  for page in pages:
    h.writer.edit(page)
  return f"{lang}: refresh wording across pages", [("M", p) for p in pages]


def move(h: History) -> tuple[str, list]:
  """A page moved to another platform folder, in every language that has it."""
  rng = h.rng
  page = rng.choice(h.live)
  target = rng.choice([p for p, _ in PLATFORMS if p != page.platform])
  ops: list = []
  for other in list(h.by_name[page.name]):
    if other.path.replace(f"/{other.platform}/", f"/{target}/") in h.pages:
      continue
    ops.append(("D", other.path))
    del h.pages[other.path]
    other.platform = target
    h.pages[other.path] = other
    ops.append(("M", other))
  h.platform[page.name] = target
  return f"{page.name}: move to {target}", ops


def change(h: History, commits_left: int) -> tuple[str, list]:
  """One commit's message and operations: ("M", page) or ("D", path)."""
  rng = h.rng
  r = rng.random()
  if h.live and r < 0.001:
    return mass_edit(h)
  if h.live and r < 0.015:
    return move(h)
  if h.spare and r < 0.025:
    page = h.add("en", h.spare.pop())
    h.pending_delete.append(page)
    return f"{page.name}: add page", [("M", page)]
  if h.pending_delete and r < 0.035:
    page = h.pending_delete.pop(0)
    h.remove(page)
    return f"{page.name}: remove page (duplicate)", [("D", page.path)]
  if h.batches and (not h.live or rng.random() < 1.12 * len(h.batches) / max(1, commits_left)):
    batches = h.batches if commits_left <= 1 else [h.batches[-1]]
    added = [("M", h.add(lang, name)) for batch in batches for lang, name in batch]
    del h.batches[len(h.batches) - len(batches):]
    lang = added[0][1].lang
    prefix = "" if lang == "en" else f"{lang}: "
    what = added[0][1].name + ": add page" if len(added) == 1 else f"add {len(added)} pages"
    return prefix + what, added
  pages = rng.sample(h.live, min(len(h.live), rng.choice([1, 1, 1, 1, 2, 3])))
  for page in pages:
    h.writer.edit(page)
  message = f"{pages[0].name}: update page" if len(pages) == 1 else "Update pages"
  return message, [("M", p) for p in pages]


BATON_YML = b"""title: Command pages
base-url: https://pages.example/
repository: https://github.com/example/pages
collections:
  handbook: { path: ., kind: page, exclude: [README.md, CONTRIBUTING.md] }
"""

README = b"""# Command pages

Short, example-first pages for command-line tools, written by the community and translated
into many languages. Each language has its own folder (`pages/` is English), and each platform
its folder inside it.
"""


def generate(out: str, pages: int, commits: int, seed: int) -> dict:
  rng = random.Random(seed)
  h = History(rng, pages, commits)
  env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", HOME=out)

  def run(*args: str) -> None:
    subprocess.run(["git", "-C", out, *args], check=True, env=env, stdout=subprocess.DEVNULL)

  run("init", "-q")
  run("symbolic-ref", "HEAD", "refs/heads/main")
  proc = subprocess.Popen(["git", "-C", out, "fast-import", "--quiet", "--done"],
                          stdin=subprocess.PIPE, env=env)
  assert proc.stdin
  main_tip = 0
  merges = 0
  ts = START
  i = 0
  step = SPAN / max(1, commits)

  def emit(ref: bytes, message: str, lines: list[bytes], parents: list[int]) -> int:
    nonlocal ts
    ts += max(1, int(rng.expovariate(1 / step)))
    name, email = h.author()
    who = f"{name} <{email}> {ts} +0000".encode()
    mark = h.next_mark()
    head = [b"commit " + ref, b"mark :%d" % mark, b"author " + who, b"committer " + who,
            blob(message.encode())]
    head += [b"from :%d" % parents[0]] if parents else []
    head += [b"merge :%d" % p for p in parents[1:]]
    h.out.append(b"\n".join(head + lines) + b"\n\n")
    return mark

  first = [b"M 100644 inline baton.yml\n" + blob(BATON_YML),
           b"M 100644 inline README.md\n" + blob(README)]
  main_tip = emit(b"refs/heads/main", "Start the command pages", first, [])
  i = 1
  while i < commits:
    message, ops = change(h, commits - i)
    lines: list[bytes] = []
    for op, target in ops:
      if op == "D":
        lines.append(b"D " + target.encode())
      else:
        data = target.render()
        mark = h.next_mark()
        h.out.append(b"blob\nmark :%d\n%s\n" % (mark, blob(data)))
        lines.append(b"M 100644 :%d %s" % (mark, target.path.encode()))
    if i + 2 < commits and rng.random() < 0.08 and len(ops) < 50:
      topic = emit(b"refs/heads/topic", message, lines, [main_tip])
      merges += 1
      main_tip = emit(b"refs/heads/main", f"Merge pull request #{merges} from topic",
                      lines, [main_tip, topic])
      i += 2
    else:
      main_tip = emit(b"refs/heads/main", message, lines, [main_tip] if main_tip else [])
      i += 1
    if len(h.out) > 2000:
      proc.stdin.write(b"".join(h.out))
      h.out.clear()
  h.out.append(b"done\n")
  proc.stdin.write(b"".join(h.out))
  proc.stdin.close()
  if proc.wait() != 0:
    raise SystemExit("git fast-import failed")
  if merges:
    run("update-ref", "-d", "refs/heads/topic")
  run("reset", "-q", "--hard", "main")
  run("repack", "-a", "-d", "-f", "-q", "--window=10", "--depth=50")
  languages = len({p.lang for p in h.live})
  return dict(commits=commits, pages=len(h.pages), languages=languages, merges=merges)


def main() -> None:
  ap = argparse.ArgumentParser(description="Generate a documentation repository of small pages.")
  ap.add_argument("out", metavar="OUT_DIR", help="new or empty folder for the repository")
  ap.add_argument("--pages", type=int, default=40000, help="pages at HEAD (at least 1000)")
  ap.add_argument("--commits", type=int, default=25000, help="number of commits (at least 2)")
  ap.add_argument("--seed", type=int, default=1, help="random seed (same seed, same repository)")
  args = ap.parse_args()
  if args.pages < 1000 or args.commits < 2:
    ap.error("--pages must be at least 1000 and --commits at least 2")
  out = os.path.abspath(args.out)
  if os.path.exists(out) and (not os.path.isdir(out) or os.listdir(out)):
    ap.error(f"{out} exists and is not an empty folder; refusing to write into it")
  os.makedirs(out, exist_ok=True)
  t0 = time.monotonic()
  stats = generate(out, args.pages, args.commits, args.seed)
  stats["seconds"] = round(time.monotonic() - t0, 1)
  print(" ".join(f"{k}={v}" for k, v in stats.items()), file=sys.stderr)


if __name__ == "__main__":
  main()
