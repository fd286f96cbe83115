"""The command line: ``modulor COMMAND`` (``main``) and one module per larger command.

Qt and VTK are imported only inside the commands that open a window.
"""
