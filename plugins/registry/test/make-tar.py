# Builds test tar archives with Python's tarfile (an implementation independent of ours).
# usage: make-tar.py <out> <format: upstream|plain|evil-path|symlink> <src dir> <files...>
import io, sys, tarfile, time
out, kind, src, files = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
with open(out, 'wb') as f:
    tar = tarfile.open(fileobj=f, mode='w', format=tarfile.USTAR_FORMAT)
    def add_bytes(name, data, mode=0o644):
        info = tarfile.TarInfo(name)
        info.size, info.mode, info.mtime, info.uid, info.gid, info.uname, info.gname = len(data), mode, int(time.time()), 0, 0, '', ''
        tar.addfile(info, io.BytesIO(data))
    if kind == 'upstream':
        add_bytes('.aigogo-manifest.json', b'{"name":"my-utils:0.1.1","version":"local"}')
    for name in files:
        add_bytes(name, open(f'{src}/{name}', 'rb').read())
    if kind == 'evil-path':
        add_bytes('../escaped.py', b'print("escaped")\n')
    if kind == 'symlink':
        info = tarfile.TarInfo('link.py'); info.type = tarfile.SYMTYPE; info.linkname = '/etc/passwd'
        tar.addfile(info)
    tar.fileobj.write(b'\0' * 1024)  # end of archive, no record padding (Go style)
