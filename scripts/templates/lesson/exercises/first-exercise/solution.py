def count_words(text):
    """Return the number of words in text."""
    return len(text.split())


if __name__ == "__main__":
    print(count_words("one two three"))
